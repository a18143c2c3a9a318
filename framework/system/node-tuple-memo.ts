import { finalizeInt32 } from '../core/hash.ts';

/** What {@link NodeTupleMemo.lookup} returns for a tuple it does not hold. */
export const NOT_MEMOIZED: unique symbol = Symbol('not memoized');

/**
 * A bounded memo from tuples of interned node state ids to values: what a
 * {@link nodesInvariant} computed from one combination of node states.
 *
 * Entries go into two generations: new entries into the young one; when it holds
 * `generationEntriesMax`, the old one is dropped and the young one becomes old. A hit in the
 * old generation is copied into the young one, so combinations a search keeps meeting survive
 * evictions. A tuple is found by a hash of its ids and confirmed by comparing them, so a
 * collision costs a recomputation, never a wrong value. What is evicted is computed again, to
 * the same value (the computations are pure), so the budget changes speed, never results.
 *
 * The hot path ({@link lookup} then {@link store}, with a hash the caller may share between
 * memos) makes no closure, and a hit allocates nothing.
 */
export class NodeTupleMemo<V> {
  private young = new Map<number, MemoEntry<V>>();
  private old = new Map<number, MemoEntry<V>>();

  constructor(private readonly generationEntriesMax: number) {
    if (!(generationEntriesMax >= 1))
      throw new RangeError(
        `node tuple memo: a generation needs room for at least one entry, not ${generationEntriesMax}`,
      );
  }

  /** The value memoized for the first `length` ids of `ids`, or `compute()` memoized now. */
  get(ids: ArrayLike<number>, length: number, compute: () => V): V {
    const hash = hashNodeIds(ids, length);
    const found = this.lookup(ids, length, hash);
    if (found !== NOT_MEMOIZED) return found;
    const value = compute();
    this.store(ids, length, hash, value);
    return value;
  }

  /**
   * The value memoized for the first `length` ids of `ids`, whose {@link hashNodeIds} is
   * `hash`, or {@link NOT_MEMOIZED}.
   */
  lookup(ids: ArrayLike<number>, length: number, hash: number): V | typeof NOT_MEMOIZED {
    const young = this.young.get(hash);
    if (young !== undefined && sameIds(young.ids, ids, length)) return young.value;
    const old = this.old.get(hash);
    if (old !== undefined && sameIds(old.ids, ids, length)) {
      this.set(hash, old);
      return old.value;
    }
    return NOT_MEMOIZED;
  }

  /** Memoizes `value` for the first `length` ids of `ids`, whose hash is `hash`. */
  store(ids: ArrayLike<number>, length: number, hash: number, value: V): void {
    // A plain array: a small typed array costs several times as much to allocate.
    const copy: number[] = [];
    for (let index = 0; index < length; index++) copy.push(ids[index]!);
    this.set(hash, { ids: copy, value });
  }

  /** Entries held in both generations. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  private set(hash: number, entry: MemoEntry<V>): void {
    if (this.young.size >= this.generationEntriesMax) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(hash, entry);
  }
}

interface MemoEntry<V> {
  readonly ids: readonly number[];
  readonly value: V;
}

/** The hash a {@link NodeTupleMemo} files the first `length` ids of `ids` under. */
export function hashNodeIds(ids: ArrayLike<number>, length: number): number {
  let hash = length;
  for (let index = 0; index < length; index++)
    hash = Math.imul(hash ^ finalizeInt32(ids[index]!), 0x01000193);
  return finalizeInt32(hash);
}

function sameIds(stored: readonly number[], ids: ArrayLike<number>, length: number): boolean {
  if (stored.length !== length) return false;
  for (let index = 0; index < length; index++) if (stored[index] !== ids[index]) return false;
  return true;
}
