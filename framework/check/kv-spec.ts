import {
  describeKVCommand,
  describeKVResult,
  kvCommandProblem,
  kvResultFitsCommand,
  kvResultProblem,
  type KVCommand,
  type KVResult,
} from './kv-commands.ts';
import {
  describeKVState,
  EMPTY_KV_STATE,
  kvEntry,
  kvStateHash,
  kvStateKey,
  kvStatesEqual,
  kvValue,
  withKVAppend,
  withKVValue,
  type KVState,
} from './kv-state.ts';
import { concatenatedHash, polynomialHash } from './string-hash.ts';
import type { Operation } from './operation.ts';
import type { HistoryPartition, SequentialSpec, StepResult } from './sequential-spec.ts';

/** How a key that was never written reads. */
export type MissingKeyModel =
  /** Our KV application: `Get` answers `KeyNotFound`, distinct from `GetResult("")`. */
  | 'not-found'
  /** Porcupine's model: every key starts as `""`; `KeyNotFound` is taken to mean `""`. */
  | 'empty';

/** Options of {@link kvSpec}. */
export interface KVSpecOptions {
  readonly missingKey?: MissingKeyModel;
}

const ILLEGAL: StepResult<never> = { legal: false };

/**
 * The key-value store with `Get`, `Put` and `Append`, partitioned by key: operations on
 * different keys never constrain each other, so each key's operations are checked alone.
 */
export function kvSpec(options: KVSpecOptions = {}): SequentialSpec<KVState, KVCommand, KVResult> {
  const missingKey = options.missingKey ?? 'not-found';
  const expectedOutput = (state: KVState, input: KVCommand): KVResult =>
    expectedKVResult(state, input, missingKey);
  return {
    name: 'kv',
    initialState: () => EMPTY_KV_STATE,
    step(state, input, output) {
      if (output !== undefined && !kvOutputAllowed(state, input, output, missingKey))
        return ILLEGAL;
      return { legal: true, state: applyKVCommand(state, input) };
    },
    stateKey: kvStateKey,
    stateHash: kvStateHash,
    stateEquals: kvStatesEqual,
    isReadOnly: (input) => input.kind === 'Get',
    partition: partitionByKey,
    expectedOutput,
    describeInput: describeKVCommand,
    describeOutput: describeKVResult,
    describeState: describeKVState,
    validateOperation: validateKVOperation,
  };
}

/** The state after a single-key command. */
export function applyKVCommand(state: KVState, command: KVCommand): KVState {
  switch (command.kind) {
    case 'Get':
      return state;
    case 'Put':
      return withKVValue(state, command.key, command.value);
    case 'Append':
      return withKVAppend(state, command.key, command.value);
  }
}

/**
 * Whether `output` is what the store answers to `command` in `state`: the same test as
 * comparing with {@link expectedKVResult}, without building the expected result, because
 * the search asks this for every operation it tries. Values are compared by length and
 * hash first: comparing a long appended value character by character makes V8 flatten it,
 * which costs a copy of the value per comparison.
 */
export function kvOutputAllowed(
  state: KVState,
  command: KVCommand,
  output: KVResult,
  missingKey: MissingKeyModel,
): boolean {
  const entry = kvEntry(state, command.key);
  switch (command.kind) {
    case 'Get':
      if (output.kind === 'KeyNotFound')
        return entry === undefined || (missingKey === 'empty' && entry.value.length === 0);
      if (output.kind !== 'GetResult') return false;
      if (entry === undefined) return missingKey === 'empty' && output.value.length === 0;
      return (
        entry.value.length === output.value.length &&
        entry.valueHash === observedHash(output) &&
        entry.value === output.value
      );
    case 'Put':
      return output.kind === 'PutOk';
    case 'Append': {
      if (output.kind !== 'AppendResult') return false;
      const oldValue = entry?.value ?? '';
      if (output.value.length !== oldValue.length + command.value.length) return false;
      const newHash = concatenatedHash(
        entry?.valueHash ?? 0,
        polynomialHash(command.value),
        command.value.length,
      );
      return newHash === observedHash(output) && output.value === oldValue + command.value;
    }
  }
}

/** Hashes of observed values, computed once per result object. */
const observedHashes = new WeakMap<KVResult, number>();

function observedHash(output: KVResult & { readonly value: string }): number {
  let hash = observedHashes.get(output);
  if (hash === undefined) {
    hash = polynomialHash(output.value);
    observedHashes.set(output, hash);
  }
  return hash;
}

/** What a correct store answers to a single-key command. */
export function expectedKVResult(
  state: KVState,
  command: KVCommand,
  missingKey: MissingKeyModel,
): KVResult {
  const current = kvValue(state, command.key);
  switch (command.kind) {
    case 'Get':
      if (current === undefined && missingKey === 'not-found') return { kind: 'KeyNotFound' };
      return { kind: 'GetResult', value: current ?? '' };
    case 'Put':
      return { kind: 'PutOk' };
    case 'Append':
      return { kind: 'AppendResult', value: (current ?? '') + command.value };
  }
}

/** Groups operations by the key they touch, in order of first appearance. */
function partitionByKey(operations: readonly Operation<KVCommand, KVResult>[]): HistoryPartition[] {
  const groups = new Map<string, number[]>();
  operations.forEach((operation, id) => {
    const group = groups.get(operation.input.key);
    if (group === undefined) groups.set(operation.input.key, [id]);
    else group.push(id);
  });
  return [...groups].map(([key, ids]) => ({
    label: `key ${JSON.stringify(key)}`,
    operations: ids,
  }));
}

/** Shape check for decoded operations: a command, and a result that can answer it. */
export function validateKVOperation(input: unknown, output: unknown): string | undefined {
  const inputProblem = kvCommandProblem(input);
  if (inputProblem !== undefined) return inputProblem;
  if (output === undefined) return undefined;
  const outputProblem = kvResultProblem(output);
  if (outputProblem !== undefined) return outputProblem;
  const command = input as KVCommand;
  const result = output as KVResult;
  return kvResultFitsCommand(command, result)
    ? undefined
    : `${result.kind} cannot answer ${command.kind}`;
}
