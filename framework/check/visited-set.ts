import { finalize } from '../core/hash.ts';

const LOAD_FACTOR_MAX = 0.5;
const INITIAL_CAPACITY = 1024;

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
  private slots = new Int32Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private hashes = new Uint32Array(INITIAL_CAPACITY);
  private checks = new Uint32Array(INITIAL_CAPACITY);
  private stateIds = new Int32Array(INITIAL_CAPACITY);
  private words: Uint32Array;
  private count = 0;

  constructor(private readonly wordCount: number) {
    this.words = new Uint32Array(INITIAL_CAPACITY * wordCount);
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
    const slotHash = finalize(hash ^ Math.imul(stateId + 1, 0x9e3779b1));
    const checkWord = check >>> 0;
    const wordCount = this.wordCount;
    let slot = slotHash & this.mask;
    for (;;) {
      const stored = this.slots[slot] as number;
      if (stored === 0) break;
      const index = stored - 1;
      if (this.hashes[index] === slotHash && this.checks[index] === checkWord && this.stateIds[index] === stateId) {
        const base = index * wordCount;
        let same = true;
        for (let word = 0; word < wordCount; word++) {
          if (this.words[base + word] !== bits[word]) {
            same = false;
            break;
          }
        }
        if (same) return false;
      }
      slot = (slot + 1) & this.mask;
    }
    const index = this.count++;
    if (index >= this.stateIds.length) this.growEntries();
    this.hashes[index] = slotHash;
    this.checks[index] = checkWord;
    this.stateIds[index] = stateId;
    this.words.set(bits, index * wordCount);
    this.slots[slot] = index + 1;
    if (this.count > this.mask * LOAD_FACTOR_MAX) this.growSlots();
    return true;
  }

  private growEntries(): void {
    const capacity = this.stateIds.length * 2;
    this.hashes = copyInto(new Uint32Array(capacity), this.hashes);
    this.checks = copyInto(new Uint32Array(capacity), this.checks);
    this.stateIds = copyInto(new Int32Array(capacity), this.stateIds);
    this.words = copyInto(new Uint32Array(capacity * this.wordCount), this.words);
  }

  private growSlots(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let index = 0; index < this.count; index++) {
      let slot = (this.hashes[index] as number) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = index + 1;
    }
  }
}

function copyInto<T extends Uint32Array | Int32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
