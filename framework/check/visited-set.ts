import { finalize } from '../core/hash.ts';

const LOAD_FACTOR_MAX = 0.5;
// A slot is [entry index + 1 (0: empty), slot hash]: 8 bytes, so the table stays small and a
// probe costs one cache line. The rest of an entry (second hash, state id, bitset) is read
// only when the 32-bit slot hashes match, which is almost only for a true match.
const SLOT_WIDTH = 2;

/**
 * The memo of the search: every (set of linearized operations, state id) configuration
 * already explored. A configuration met again has already failed (the search is
 * depth-first and configurations only grow along a path), so it is skipped.
 *
 * The set is a bitset; the caller maintains two 32-bit hashes of it incrementally (XOR of
 * per-operation random words), so a lookup never rescans the bitset except to confirm a
 * match — equality is always checked word by word, so a hash collision can cost time but
 * never a wrong verdict. Bitsets live in one growing word arena: no allocation per entry.
 */
export class VisitedSet {
  private slots: Int32Array;
  private mask: number;
  private checks: Int32Array;
  private stateIds: Int32Array;
  private words: Uint32Array;
  private entriesCapacity: number;
  private count = 0;

  /** `expectedSize` sizes the first allocation (small partitions should cost little). */
  constructor(
    private readonly wordCount: number,
    expectedSize: number,
  ) {
    const capacity = powerOfTwoAtLeast(Math.max(16, expectedSize * 2));
    this.slots = new Int32Array(capacity * SLOT_WIDTH);
    this.mask = capacity - 1;
    this.entriesCapacity = capacity / 2;
    this.checks = new Int32Array(this.entriesCapacity);
    this.stateIds = new Int32Array(this.entriesCapacity);
    this.words = new Uint32Array(this.entriesCapacity * wordCount);
  }

  /** The number of configurations stored. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds the configuration unless present; returns whether it was added. `hash` and
   * `check` are two independent hashes of `bits`.
   */
  addIfAbsent(bits: Uint32Array, hash: number, check: number, stateId: number): boolean {
    const slotHash = finalize(hash ^ Math.imul(stateId + 1, 0x9e3779b1)) | 0;
    const slots = this.slots;
    let slot = slotHash & this.mask;
    for (;;) {
      const stored = slots[slot * SLOT_WIDTH] as number;
      if (stored === 0) break;
      if (
        slots[slot * SLOT_WIDTH + 1] === slotHash &&
        this.matches(stored - 1, bits, check, stateId)
      )
        return false;
      slot = (slot + 1) & this.mask;
    }
    const index = this.count++;
    if (index >= this.entriesCapacity) this.growEntries();
    this.checks[index] = check;
    this.stateIds[index] = stateId;
    const base = index * this.wordCount;
    for (let word = 0; word < this.wordCount; word++)
      this.words[base + word] = bits[word] as number;
    slots[slot * SLOT_WIDTH] = index + 1;
    slots[slot * SLOT_WIDTH + 1] = slotHash;
    if (this.count > this.mask * LOAD_FACTOR_MAX) this.growSlots();
    return true;
  }

  private matches(index: number, bits: Uint32Array, check: number, stateId: number): boolean {
    if (this.checks[index] !== check || this.stateIds[index] !== stateId) return false;
    const base = index * this.wordCount;
    for (let word = 0; word < this.wordCount; word++)
      if (this.words[base + word] !== bits[word]) return false;
    return true;
  }

  private growEntries(): void {
    this.entriesCapacity *= 2;
    this.checks = grown(this.checks, this.entriesCapacity);
    this.stateIds = grown(this.stateIds, this.entriesCapacity);
    const words = new Uint32Array(this.entriesCapacity * this.wordCount);
    words.set(this.words);
    this.words = words;
  }

  private growSlots(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * SLOT_WIDTH);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += SLOT_WIDTH) {
      const stored = old[at] as number;
      if (stored === 0) continue;
      const slotHash = old[at + 1] as number;
      let slot = slotHash & this.mask;
      while (this.slots[slot * SLOT_WIDTH] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * SLOT_WIDTH] = stored;
      this.slots[slot * SLOT_WIDTH + 1] = slotHash;
    }
  }
}

function grown(array: Int32Array, length: number): Int32Array {
  const result = new Int32Array(length);
  result.set(array);
  return result;
}

/** The least power of two at least `value`. */
export function powerOfTwoAtLeast(value: number): number {
  let result = 1;
  while (result < value) result *= 2;
  return result;
}
