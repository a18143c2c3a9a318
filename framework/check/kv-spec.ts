import { describeKvCommand, describeKvResult, kvCommandProblem, kvResultFitsCommand, kvResultProblem, type KvCommand, type KvResult } from './kv-commands.ts';
import { describeKvState, EMPTY_KV_STATE, kvStateHash, kvStateKey, kvStatesEqual, kvValue, withKvAppend, withKvValue, type KvState } from './kv-state.ts';
import type { Operation } from './operation.ts';
import type { HistoryPartition, SequentialSpec, StepResult } from './sequential-spec.ts';

/** How a key that was never written reads. */
export type MissingKeyModel =
  /** Our KV application: `Get` answers `KeyNotFound`, distinct from `GetResult("")`. */
  | 'not-found'
  /** Porcupine's model: every key starts as `""`; `KeyNotFound` is taken to mean `""`. */
  | 'empty';

/** Options of {@link kvSpec}. */
export interface KvSpecOptions {
  readonly missingKey?: MissingKeyModel;
}

const ILLEGAL: StepResult<never> = { legal: false };

/**
 * The key-value store with `Get`, `Put` and `Append`, partitioned by key: operations on
 * different keys never constrain each other, so each key's operations are checked alone.
 */
export function kvSpec(options: KvSpecOptions = {}): SequentialSpec<KvState, KvCommand, KvResult> {
  const missingKey = options.missingKey ?? 'not-found';
  const expectedOutput = (state: KvState, input: KvCommand): KvResult => expectedKvResult(state, input, missingKey);
  return {
    name: 'kv',
    initialState: () => EMPTY_KV_STATE,
    step(state, input, output) {
      if (output !== undefined && !kvOutputAllowed(state, input, output, missingKey)) return ILLEGAL;
      return { legal: true, state: applyKvCommand(state, input) };
    },
    stateKey: kvStateKey,
    stateHash: kvStateHash,
    stateEquals: kvStatesEqual,
    isReadOnly: (input) => input.kind === 'Get',
    partition: partitionByKey,
    expectedOutput,
    describeInput: describeKvCommand,
    describeOutput: describeKvResult,
    describeState: describeKvState,
    validateOperation: validateKvOperation,
  };
}

/** The state after a single-key command. */
export function applyKvCommand(state: KvState, command: KvCommand): KvState {
  switch (command.kind) {
    case 'Get':
      return state;
    case 'Put':
      return withKvValue(state, command.key, command.value);
    case 'Append':
      return withKvAppend(state, command.key, command.value);
  }
}

/**
 * Whether `output` is what the store answers to `command` in `state`: the same test as
 * comparing with {@link expectedKvResult}, without building the expected result, because
 * the search asks this for every operation it tries.
 */
export function kvOutputAllowed(state: KvState, command: KvCommand, output: KvResult, missingKey: MissingKeyModel): boolean {
  const current = kvValue(state, command.key);
  switch (command.kind) {
    case 'Get':
      if (output.kind === 'KeyNotFound') return current === undefined || (missingKey === 'empty' && current === '');
      if (output.kind !== 'GetResult') return false;
      return current === undefined ? missingKey === 'empty' && output.value === '' : output.value === current;
    case 'Put':
      return output.kind === 'PutOk';
    case 'Append':
      return output.kind === 'AppendResult' && output.value.length === (current?.length ?? 0) + command.value.length && output.value === (current ?? '') + command.value;
  }
}

/** What a correct store answers to a single-key command. */
export function expectedKvResult(state: KvState, command: KvCommand, missingKey: MissingKeyModel): KvResult {
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
function partitionByKey(operations: readonly Operation<KvCommand, KvResult>[]): HistoryPartition[] {
  const groups = new Map<string, number[]>();
  operations.forEach((operation, id) => {
    const group = groups.get(operation.input.key);
    if (group === undefined) groups.set(operation.input.key, [id]);
    else group.push(id);
  });
  return [...groups].map(([key, ids]) => ({ label: `key ${JSON.stringify(key)}`, operations: ids }));
}

/** Shape check for decoded operations: a command, and a result that can answer it. */
export function validateKvOperation(input: unknown, output: unknown): string | undefined {
  const inputProblem = kvCommandProblem(input);
  if (inputProblem !== undefined) return inputProblem;
  if (output === undefined) return undefined;
  const outputProblem = kvResultProblem(output);
  if (outputProblem !== undefined) return outputProblem;
  const command = input as KvCommand;
  const result = output as KvResult;
  return kvResultFitsCommand(command, result) ? undefined : `${result.kind} cannot answer ${command.kind}`;
}
