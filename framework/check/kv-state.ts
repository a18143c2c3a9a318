/**
 * The state of a key-value specification: an immutable map from key to value, where a
 * missing key is absent. Shared by the plain and the transactional KV specifications.
 * When a history is partitioned by key, a state holds at most the keys of its partition,
 * so copying it on a write stays cheap.
 */
export type KvState = ReadonlyMap<string, string>;

/** The empty store. */
export const EMPTY_KV_STATE: KvState = new Map();

/** A copy of `state` with `key` set to `value`. */
export function withKvValue(state: KvState, key: string, value: string): KvState {
  const next = new Map(state);
  next.set(key, value);
  return next;
}

/** A copy of `state` with `key` removed. */
export function withoutKvValue(state: KvState, key: string): KvState {
  if (!state.has(key)) return state;
  const next = new Map(state);
  next.delete(key);
  return next;
}

/** The canonical key of a state: its entries sorted by key, so insertion order is ignored. */
export function kvStateKey(state: KvState): string {
  if (state.size === 0) return '';
  if (state.size === 1) {
    for (const entry of state) return JSON.stringify(entry);
  }
  return JSON.stringify([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A readable form: `{"x": "12", "y": ""}`, or `{}` for the empty store. */
export function describeKvState(state: KvState): string {
  const entries = [...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')}}`;
}
