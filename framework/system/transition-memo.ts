import { IntPairMap } from '../search/int-pair-map.ts';

/**
 * Entries per generation unless told otherwise: with the transitions themselves, some 200 MB at
 * most for both.
 */
const GENERATION_ENTRIES_DEFAULT = 1 << 19;

/**
 * A memo from (node state id, event key) to a value — the handler executions of a node
 * system — whose memory follows the entries it holds, not the ids' range, and is bounded.
 *
 * Keys go into an {@link IntPairMap} (a few words per entry, however large the ids), values
 * into a plain array that it indexes. Past a budget of entries the memo evicts, in two
 * generations: new entries go into the young one; when it is full, the old one is dropped
 * and the young one becomes old. A hit in the old generation is copied into the young one,
 * so what a search keeps using survives every eviction, and what it stopped using goes
 * within two generations. A memo is a cache: an entry evicted is computed again, to the
 * same value (handlers are deterministic), so eviction changes speed, never results.
 */
export class TransitionMemo<T> {
  private young = new IntPairMap();
  private youngValues: T[] = [];
  private old = new IntPairMap();
  private oldValues: T[] = [];
  private evictions = 0;

  /** `generationEntriesMax` entries per generation: the memo holds at most twice as many. */
  constructor(private readonly generationEntriesMax: number = GENERATION_ENTRIES_DEFAULT) {
    if (!(generationEntriesMax >= 1))
      throw new RangeError(
        `transition memo: a generation needs room for at least one entry, not ${generationEntriesMax}`,
      );
  }

  /**
   * The value memoized for (nodeId, eventKey), or undefined. Both are non-negative int32 numbers.
   */
  get(nodeId: number, eventKey: number): T | undefined {
    const young = this.young.get(nodeId, eventKey);
    if (young >= 0) return this.youngValues[young];
    const old = this.old.get(nodeId, eventKey);
    if (old < 0) return undefined;
    const value = this.oldValues[old] as T;
    this.set(nodeId, eventKey, value);
    return value;
  }

  /**
   * Memoizes `value` for (nodeId, eventKey), evicting the old generation if the young one is full.
   */
  set(nodeId: number, eventKey: number, value: T): void {
    if (this.young.size >= this.generationEntriesMax) this.rotate();
    this.young.set(nodeId, eventKey, this.youngValues.length);
    this.youngValues.push(value);
  }

  /** Forgets every entry (not an eviction: {@link evictionCount} stays). */
  clear(): void {
    this.young = new IntPairMap();
    this.youngValues = [];
    this.old = new IntPairMap();
    this.oldValues = [];
  }

  /** Entries held (an entry copied from the old generation into the young one counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** How many times a generation was dropped. */
  get evictionCount(): number {
    return this.evictions;
  }

  /** The memory of the two maps (not of the values, which the caller sizes). */
  get sizeBytes(): number {
    return (
      this.young.sizeBytes +
      this.old.sizeBytes +
      (this.youngValues.length + this.oldValues.length) * BYTES_PER_REFERENCE
    );
  }

  private rotate(): void {
    this.old = this.young;
    this.oldValues = this.youngValues;
    this.young = new IntPairMap();
    this.youngValues = [];
    this.evictions++;
  }
}

const BYTES_PER_REFERENCE = 8;
