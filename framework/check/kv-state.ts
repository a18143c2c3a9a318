import { finalize } from '../core/hash.ts';
import { concatenatedHash, polynomialHash } from './string-hash.ts';

/**
 * The state of a key-value specification: an immutable store, as a chain of entries
 * sorted by key (`null` is the empty store). A state carries a hash of itself, kept up to
 * date on every write in time independent of the values' lengths, so the checker interns
 * states without rescanning long appended values.
 *
 * Why a chain and not a Map: a history partitioned by key has one key per partition, and
 * the search creates a state per distinct value reached — often hundreds of thousands. A
 * one-key state here is a single small object, which keeps garbage collection cheap.
 */
export type KVState = KVEntry | null;

/** One key of a store and the rest of the store (keys after it). */
export interface KVEntry {
  readonly key: string;
  readonly value: string;
  /** `polynomialHash(value)`. */
  readonly valueHash: number;
  readonly rest: KVState;
  /** A hash of this entry and the rest, independent of how the store was built. */
  readonly hash: number;
}

/** The empty store. */
export const EMPTY_KV_STATE: KVState = null;

/** The hash of a store. */
export function kvStateHash(state: KVState): number {
  return state === null ? 0 : state.hash;
}

/** The value of `key`, or `undefined` if it is missing. */
export function kvValue(state: KVState, key: string): string | undefined {
  for (let entry = state; entry !== null; entry = entry.rest) {
    if (entry.key === key) return entry.value;
  }
  return undefined;
}

/** The entry of `key`, or `undefined` if it is missing. */
export function kvEntry(state: KVState, key: string): KVEntry | undefined {
  for (let entry = state; entry !== null; entry = entry.rest) {
    if (entry.key === key) return entry;
  }
  return undefined;
}

/** A copy of `state` with `key` set to `value` (whose hash may be given to save rescanning it). */
export function withKVValue(
  state: KVState,
  key: string,
  value: string,
  valueHash = polynomialHash(value),
): KVState {
  if (state === null || key < state.key) return entry(key, value, valueHash, state);
  if (key === state.key) return entry(key, value, valueHash, state.rest);
  return entry(
    state.key,
    state.value,
    state.valueHash,
    withKVValue(state.rest, key, value, valueHash),
  );
}

/**
 * A copy of `state` with `suffix` appended to the value of `key` (a missing key counts as `""`).
 */
export function withKVAppend(state: KVState, key: string, suffix: string): KVState {
  let oldValue = '';
  let oldHash = 0;
  for (let entry = state; entry !== null; entry = entry.rest) {
    if (entry.key === key) {
      oldValue = entry.value;
      oldHash = entry.valueHash;
      break;
    }
  }
  return withKVValue(
    state,
    key,
    oldValue + suffix,
    concatenatedHash(oldHash, polynomialHash(suffix), suffix.length),
  );
}

/** A copy of `state` with `key` removed. */
export function withoutKVValue(state: KVState, key: string): KVState {
  if (state === null || key < state.key) return state;
  if (key === state.key) return state.rest;
  const rest = withoutKVValue(state.rest, key);
  return rest === state.rest ? state : entry(state.key, state.value, state.valueHash, rest);
}

/** Whether two stores hold the same keys and values. */
export function kvStatesEqual(a: KVState, b: KVState): boolean {
  let left = a;
  let right = b;
  while (left !== null && right !== null) {
    if (left === right) return true;
    if (
      left.hash !== right.hash ||
      left.key !== right.key ||
      left.valueHash !== right.valueHash ||
      left.value !== right.value
    )
      return false;
    left = left.rest;
    right = right.rest;
  }
  return left === right;
}

/** The entries of a store, in key order. */
export function kvEntries(state: KVState): [string, string][] {
  const result: [string, string][] = [];
  for (let entry = state; entry !== null; entry = entry.rest) result.push([entry.key, entry.value]);
  return result;
}

/** A canonical string for the store. */
export function kvStateKey(state: KVState): string {
  return JSON.stringify(kvEntries(state));
}

/** A readable form: `{"x": "12", "y": ""}`, or `{}` for the empty store. */
export function describeKVState(state: KVState): string {
  return `{${kvEntries(state)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ')}}`;
}

function entry(key: string, value: string, valueHash: number, rest: KVState): KVEntry {
  // Entries are summed, so the hash does not depend on the order keys were written in.
  const own = finalize(
    polynomialHash(key) ^
      Math.imul(valueHash, 0x9e3779b1) ^
      Math.imul(value.length + 1, 0x85ebca6b),
  );
  return { key, value, valueHash, rest, hash: (own + kvStateHash(rest)) | 0 };
}
