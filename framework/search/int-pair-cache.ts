import { IntPairMap } from './int-pair-map.ts';

/**
 * A bounded cache from pairs of non-negative int32 numbers to non-negative int32 numbers:
 * the memos of a model's hot path (set unions, queue edits on interned ids), which must not
 * grow without bound over a long search.
 *
 * Two generations of {@link IntPairMap}: pairs are set in the young one; once it holds
 * `generationEntriesMax` pairs, the old one is dropped and the young one becomes old. A hit
 * in the old generation is copied into the young one, so pairs in use survive evictions.
 * Memory stays below two full generations, whatever the searched space.
 */
export class IntPairCache {
  private young = new IntPairMap();
  private old = new IntPairMap();

  constructor(private readonly generationEntriesMax: number) {
    if (!(generationEntriesMax >= 1))
      throw new RangeError(
        `int pair cache: a generation needs room for at least one pair, not ${generationEntriesMax}`,
      );
  }

  /** The value of the pair, or -1 if the cache has none (never had it, or evicted it). */
  get(first: number, second: number): number {
    const young = this.young.get(first, second);
    if (young >= 0) return young;
    const old = this.old.get(first, second);
    if (old >= 0) this.set(first, second, old);
    return old;
  }

  /** Caches the pair's value; all three must be non-negative int32 numbers. */
  set(first: number, second: number, value: number): void {
    if (this.young.size >= this.generationEntriesMax) {
      this.old = this.young;
      this.young = new IntPairMap();
    }
    this.young.set(first, second, value);
  }

  /** Forgets every pair. */
  clear(): void {
    this.young = new IntPairMap();
    this.old = new IntPairMap();
  }

  /** Pairs held in both generations. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** The memory the cache holds. */
  get sizeBytes(): number {
    return this.young.sizeBytes + this.old.sizeBytes;
  }
}
