import { describeJsonValue } from './json-reader.ts';
import {
  describeKVCommand,
  describeKVResult,
  isRecord,
  type KVCommand,
  type KVResult,
} from './kv-commands.ts';
import {
  applyKVCommand,
  expectedKVResult,
  kvOutputAllowed,
  validateKVOperation,
  type MissingKeyModel,
} from './kv-spec.ts';
import {
  describeKVState,
  EMPTY_KV_STATE,
  kvStateHash,
  kvStateKey,
  kvStatesEqual,
  kvValue,
  withKVValue,
  withoutKVValue,
  type KVState,
} from './kv-state.ts';
import type { Operation } from './operation.ts';
import type { HistoryPartition, SequentialSpec, StepResult } from './sequential-spec.ts';

/** Multi-key commands of the transactional store; each is one atomic step. */
export type TxnCommand =
  | KVCommand
  | { readonly kind: 'MultiGet'; readonly keys: readonly string[] }
  | { readonly kind: 'MultiPut'; readonly entries: Readonly<Record<string, string>> }
  /** Exchanges the values of two keys (a missing key's absence moves too). */
  | { readonly kind: 'Swap'; readonly key1: string; readonly key2: string };

/**
 * Answers of the transactional store. `MultiGetResult` maps each key read to its value, or `null`
 * if missing.
 */
export type TxnResult =
  | KVResult
  | { readonly kind: 'MultiGetResult'; readonly values: Readonly<Record<string, string | null>> }
  | { readonly kind: 'MultiPutOk' }
  | { readonly kind: 'SwapOk' };

/** Options of {@link txnKVSpec}. */
export interface TxnKVSpecOptions {
  readonly missingKey?: MissingKeyModel;
}

const ILLEGAL: StepResult<never> = { legal: false };

/**
 * The transactional key-value store: every command, however many keys it touches, is one
 * atomic step, so a history that passes is strictly serializable. Keys are partitioned
 * only into connected components of "touched by the same command", because a command
 * spanning two keys ties their orders together.
 */
export function txnKVSpec(
  options: TxnKVSpecOptions = {},
): SequentialSpec<KVState, TxnCommand, TxnResult> {
  const missingKey = options.missingKey ?? 'not-found';
  const expectedOutput = (state: KVState, input: TxnCommand): TxnResult =>
    expectedTxnResult(state, input, missingKey);
  return {
    name: 'txn-kv',
    initialState: () => EMPTY_KV_STATE,
    step(state, input, output) {
      if (output !== undefined && !txnOutputAllowed(state, input, output, missingKey))
        return ILLEGAL;
      return { legal: true, state: applyTxnCommand(state, input) };
    },
    stateKey: kvStateKey,
    stateHash: kvStateHash,
    stateEquals: kvStatesEqual,
    isReadOnly: (input) => input.kind === 'Get' || input.kind === 'MultiGet',
    partition: partitionByConnectedKeys,
    expectedOutput,
    describeInput: describeTxnCommand,
    describeOutput: describeTxnResult,
    describeState: describeKVState,
    validateOperation: validateTxnOperation,
  };
}

/** The keys a command reads or writes. */
export function keysOfTxnCommand(command: TxnCommand): readonly string[] {
  switch (command.kind) {
    case 'Get':
    case 'Put':
    case 'Append':
      return [command.key];
    case 'MultiGet':
      return command.keys;
    case 'MultiPut':
      return Object.keys(command.entries);
    case 'Swap':
      return [command.key1, command.key2];
  }
}

function applyTxnCommand(state: KVState, command: TxnCommand): KVState {
  switch (command.kind) {
    case 'MultiGet':
      return state;
    case 'MultiPut':
      return Object.entries(command.entries).reduce(
        (next, [key, value]) => withKVValue(next, key, value),
        state,
      );
    case 'Swap': {
      const value1 = kvValue(state, command.key1);
      const value2 = kvValue(state, command.key2);
      const without1 =
        value2 === undefined
          ? withoutKVValue(state, command.key1)
          : withKVValue(state, command.key1, value2);
      return value1 === undefined
        ? withoutKVValue(without1, command.key2)
        : withKVValue(without1, command.key2, value1);
    }
    case 'Get':
    case 'Put':
    case 'Append':
      return applyKVCommand(state, command);
  }
}

function expectedTxnResult(
  state: KVState,
  command: TxnCommand,
  missingKey: MissingKeyModel,
): TxnResult {
  switch (command.kind) {
    case 'MultiGet': {
      const values: Record<string, string | null> = {};
      for (const key of command.keys)
        values[key] = kvValue(state, key) ?? (missingKey === 'empty' ? '' : null);
      return { kind: 'MultiGetResult', values };
    }
    case 'MultiPut':
      return { kind: 'MultiPutOk' };
    case 'Swap':
      return { kind: 'SwapOk' };
    case 'Get':
    case 'Put':
    case 'Append':
      return expectedKVResult(state, command, missingKey);
  }
}

function txnOutputAllowed(
  state: KVState,
  command: TxnCommand,
  observed: TxnResult,
  missingKey: MissingKeyModel,
): boolean {
  switch (command.kind) {
    case 'MultiGet':
      return (
        observed.kind === 'MultiGetResult' &&
        multiGetMatches(state, command.keys, observed.values, missingKey)
      );
    case 'MultiPut':
      return observed.kind === 'MultiPutOk';
    case 'Swap':
      return observed.kind === 'SwapOk';
    case 'Get':
    case 'Put':
    case 'Append':
      return isKVResult(observed) && kvOutputAllowed(state, command, observed, missingKey);
  }
}

function multiGetMatches(
  state: KVState,
  keys: readonly string[],
  values: Readonly<Record<string, string | null>>,
  missingKey: MissingKeyModel,
): boolean {
  if (Object.keys(values).length !== new Set(keys).size) return false;
  return keys.every((key) => {
    if (!Object.hasOwn(values, key)) return false;
    const seen = values[key];
    const current = kvValue(state, key);
    if (current === undefined) return seen === null || (missingKey === 'empty' && seen === '');
    return seen === current || (missingKey === 'empty' && current === '' && seen === null);
  });
}

function isKVResult(result: TxnResult): result is KVResult {
  return (
    result.kind === 'GetResult' ||
    result.kind === 'KeyNotFound' ||
    result.kind === 'PutOk' ||
    result.kind === 'AppendResult'
  );
}

/** Union-find over keys: one partition per connected component, in order of first appearance. */
function partitionByConnectedKeys(
  operations: readonly Operation<TxnCommand, TxnResult>[],
): HistoryPartition[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root))
      root = up;
    for (let node = key; node !== root;) {
      const up = parent.get(node) ?? root;
      parent.set(node, root);
      node = up;
    }
    return root;
  };
  for (const operation of operations) {
    const keys = keysOfTxnCommand(operation.input);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    const first = keys[0];
    if (first === undefined) continue;
    for (const key of keys) parent.set(find(key), find(first));
  }
  const groups = new Map<string, { keys: Set<string>; ids: number[] }>();
  // Operations that touch no key (an empty MultiGet) constrain nothing but are kept in a group of
  // their own.
  operations.forEach((operation, id) => {
    const first = keysOfTxnCommand(operation.input)[0];
    const root = first === undefined ? '' : find(first);
    let group = groups.get(root);
    if (group === undefined) groups.set(root, (group = { keys: new Set(), ids: [] }));
    for (const key of keysOfTxnCommand(operation.input)) group.keys.add(key);
    group.ids.push(id);
  });
  return [...groups.values()].map(({ keys, ids }) => ({
    label:
      keys.size === 0
        ? 'no keys'
        : `${keys.size === 1 ? 'key' : 'keys'} ${[...keys]
            .sort()
            .map((key) => JSON.stringify(key))
            .join(', ')}`,
    operations: ids,
  }));
}

function describeTxnCommand(command: TxnCommand): string {
  switch (command.kind) {
    case 'MultiGet':
      return `MultiGet(${command.keys.map((key) => JSON.stringify(key)).join(', ')})`;
    case 'MultiPut':
      return `MultiPut(${describeRecord(command.entries)})`;
    case 'Swap':
      return `Swap(${JSON.stringify(command.key1)}, ${JSON.stringify(command.key2)})`;
    case 'Get':
    case 'Put':
    case 'Append':
      return describeKVCommand(command);
  }
}

function describeTxnResult(result: TxnResult): string {
  switch (result.kind) {
    case 'MultiGetResult':
      return `MultiGetResult(${describeRecord(result.values)})`;
    case 'MultiPutOk':
    case 'SwapOk':
      return result.kind;
    case 'GetResult':
    case 'KeyNotFound':
    case 'PutOk':
    case 'AppendResult':
      return describeKVResult(result);
  }
}

function describeRecord(record: Readonly<Record<string, string | null>>): string {
  return `{${Object.entries(record)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ')}}`;
}

const TXN_ANSWERS: Record<string, string> = {
  MultiGet: 'MultiGetResult',
  MultiPut: 'MultiPutOk',
  Swap: 'SwapOk',
};

function validateTxnOperation(input: unknown, output: unknown): string | undefined {
  if (!isRecord(input)) return 'a command must be an object with a "kind"';
  const answer = typeof input.kind === 'string' ? TXN_ANSWERS[input.kind] : undefined;
  if (answer === undefined)
    return validateKVOperation(input, output)?.replace(
      '(expected Get, Put or Append)',
      '(expected Get, Put, Append, MultiGet, MultiPut or Swap)',
    );
  const inputProblem = txnInputProblem(input);
  if (inputProblem !== undefined) return inputProblem;
  if (output === undefined) return undefined;
  if (!isRecord(output)) return 'a result must be an object with a "kind"';
  if (output.kind !== answer)
    return `${describeJsonValue(output.kind)} cannot answer ${String(input.kind)} (expected ${answer})`;
  if (output.kind === 'MultiGetResult') {
    if (
      !isRecord(output.values) ||
      !Object.values(output.values).every((value) => value === null || typeof value === 'string')
    ) {
      return 'MultiGetResult needs "values": an object of strings or nulls';
    }
  }
  return undefined;
}

function txnInputProblem(input: Record<string, unknown>): string | undefined {
  switch (input.kind) {
    case 'MultiGet':
      return Array.isArray(input.keys) && input.keys.every((key) => typeof key === 'string')
        ? undefined
        : 'MultiGet needs "keys": an array of strings';
    case 'MultiPut':
      return isRecord(input.entries) &&
        Object.values(input.entries).every((value) => typeof value === 'string')
        ? undefined
        : 'MultiPut needs "entries": an object of strings';
    default:
      return typeof input.key1 === 'string' && typeof input.key2 === 'string'
        ? undefined
        : 'Swap needs string "key1" and "key2"';
  }
}
