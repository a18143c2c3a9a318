import { finalizeInt32 } from '../core/hash.ts';

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
    const hash = hashIds(ids, length);
    const young = this.young.get(hash);
    if (young !== undefined && sameIds(young.ids, ids, length)) return young.value;
    const old = this.old.get(hash);
    if (old !== undefined && sameIds(old.ids, ids, length)) {
      this.set(hash, old);
      return old.value;
    }
    const value = compute();
    this.set(hash, { ids: Int32Array.from({ length }, (_, index) => ids[index] as number), value });
    return value;
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
  readonly ids: Int32Array;
  readonly value: V;
}

function hashIds(ids: ArrayLike<number>, length: number): number {
  let hash = length;
  for (let index = 0; index < length; index++)
    hash = Math.imul(hash ^ finalizeInt32(ids[index] as number), 0x01000193);
  return finalizeInt32(hash);
}

function sameIds(stored: Int32Array, ids: ArrayLike<number>, length: number): boolean {
  if (stored.length !== length) return false;
  for (let index = 0; index < length; index++) if (stored[index] !== ids[index]) return false;
  return true;
}
