import { finalize } from '../core/hash.ts';

const LOAD_FACTOR_MAX = 0.5;
// A slot is [entry index + 1 (0: empty), slot hash, check hash, state id], so a probe
// rejects a mismatch without touching the bitset arena.
const SLOT_WIDTH = 4;

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
  private words: Uint32Array;
  private wordsCapacity: number;
  private count = 0;

  /** `expectedSize` sizes the first allocation (small partitions should cost little). */
  constructor(
    private readonly wordCount: number,
    expectedSize: number,
  ) {
    const capacity = powerOfTwoAtLeast(Math.max(16, expectedSize * 2));
    this.slots = new Int32Array(capacity * SLOT_WIDTH);
    this.mask = capacity - 1;
    this.wordsCapacity = capacity / 2;
    this.words = new Uint32Array(this.wordsCapacity * wordCount);
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
      const at = slot * SLOT_WIDTH;
      const stored = slots[at] as number;
      if (stored === 0) break;
      if (slots[at + 1] === slotHash && slots[at + 2] === check && slots[at + 3] === stateId && this.sameBits(stored - 1, bits)) return false;
      slot = (slot + 1) & this.mask;
    }
    const index = this.count++;
    if (index >= this.wordsCapacity) this.growWords();
    const base = index * this.wordCount;
    for (let word = 0; word < this.wordCount; word++) this.words[base + word] = bits[word] as number;
    const at = slot * SLOT_WIDTH;
    slots[at] = index + 1;
    slots[at + 1] = slotHash;
    slots[at + 2] = check;
    slots[at + 3] = stateId;
    if (this.count > this.mask * LOAD_FACTOR_MAX) this.growSlots();
    return true;
  }

  private sameBits(index: number, bits: Uint32Array): boolean {
    const base = index * this.wordCount;
    for (let word = 0; word < this.wordCount; word++) if (this.words[base + word] !== bits[word]) return false;
    return true;
  }

  private growWords(): void {
    this.wordsCapacity *= 2;
    const words = new Uint32Array(this.wordsCapacity * this.wordCount);
    words.set(this.words);
    this.words = words;
  }

  private growSlots(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * SLOT_WIDTH);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += SLOT_WIDTH) {
      if (old[at] === 0) continue;
      let slot = (old[at + 1] as number) & this.mask;
      while (this.slots[slot * SLOT_WIDTH] !== 0) slot = (slot + 1) & this.mask;
      const to = slot * SLOT_WIDTH;
      for (let field = 0; field < SLOT_WIDTH; field++) this.slots[to + field] = old[at + field] as number;
    }
  }
}

/** The least power of two at least `value`. */
export function powerOfTwoAtLeast(value: number): number {
  let result = 1;
  while (result < value) result *= 2;
  return result;
}
