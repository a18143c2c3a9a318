/** Slots in a new set: 512 KiB, small enough for tests and short searches. */
const CAPACITY_INITIAL = 1 << 15;
/** Beyond this the table would need more than 16 GiB; a memory limit stops searches first. */
/** At least two slots, so that a slot index has at least one bit (a shift by 32 is a no-op). */
const CAPACITY_MIN = 16;
const CAPACITY_MAX = 2 ** 31;
/** Grow at 3/4 full: linear probing stays short, and a doubling leaves the table 3/8 full. */
const LOAD_NUMERATOR = 3;
const LOAD_DENOMINATOR = 4;
const WORDS_PER_SLOT = 2;
const BYTES_PER_WORD = 4;

/**
 * The visited set of a search: 64-bit fingerprints in an open-addressing hash table with
 * linear probing, two 32-bit words per slot in one typed array (so that a probe touches one
 * cache line). A slot of two zero words is empty; the fingerprint 0:0 itself is kept in a
 * flag. About 11 to 21 bytes per fingerprint, and no object per entry for the collector to
 * trace.
 */
export class FingerprintSet {
  private slots: Uint32Array;
  private mask: number;
  /** Shifts a 32-bit hash down to its top bits, which pick the home slot. */
  private shift: number;
  private count = 0;
  private growthThreshold: number;
  private containsZero = false;
  /** Where {@link touch} puts what it reads, so the compiler cannot drop the read. */
  private touched = 0;

  constructor(capacity: number = CAPACITY_INITIAL) {
    const slotCount = powerOfTwoAtLeast(Math.max(capacity, CAPACITY_MIN));
    this.slots = new Uint32Array(slotCount * WORDS_PER_SLOT);
    this.mask = slotCount - 1;
    this.shift = 32 - Math.log2(slotCount);
    this.growthThreshold = thresholdOf(slotCount);
  }

  /** The number of fingerprints in the set. */
  get size(): number {
    return this.count;
  }

  /** The memory held by the table. */
  get sizeBytes(): number {
    return this.slots.length * BYTES_PER_WORD;
  }

  /** Adds a fingerprint; returns true if it was not already in the set. */
  add(high: number, low: number): boolean {
    high >>>= 0;
    low >>>= 0;
    if ((high | low) === 0) {
      if (this.containsZero) return false;
      this.containsZero = true;
      this.count++;
      return true;
    }
    const slots = this.slots;
    const mask = this.mask;
    let index = homeSlot(high, low, this.shift);
    for (;;) {
      const at = index << 1;
      const slotHigh = slots[at]!;
      const slotLow = slots[at + 1]!;
      if ((slotHigh | slotLow) === 0) break;
      if (slotHigh === high && slotLow === low) return false;
      index = (index + 1) & mask;
    }
    const at = index << 1;
    slots[at] = high;
    slots[at + 1] = low;
    if (++this.count > this.growthThreshold) this.grow();
    return true;
  }

  /**
   * Reads a fingerprint's home slot, so that a later `add` or `has` of it finds the slot
   * in cache. A search touches all successors of a state before adding them: the CPU then
   * waits for their cache misses together rather than one after another.
   */
  touch(high: number, low: number): void {
    this.touched ^= this.slots[homeSlot(high >>> 0, low >>> 0, this.shift) << 1]!;
  }

  /** Whether the set holds a fingerprint. */
  has(high: number, low: number): boolean {
    high >>>= 0;
    low >>>= 0;
    if ((high | low) === 0) return this.containsZero;
    const slots = this.slots;
    const mask = this.mask;
    let index = homeSlot(high, low, this.shift);
    for (;;) {
      const at = index << 1;
      const slotHigh = slots[at]!;
      const slotLow = slots[at + 1]!;
      if ((slotHigh | slotLow) === 0) return false;
      if (slotHigh === high && slotLow === low) return true;
      index = (index + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slotCount = (this.mask + 1) * 2;
    if (slotCount > CAPACITY_MAX) throw new RangeError(`fingerprint set: more than ${CAPACITY_MAX} slots`);
    const slots = new Uint32Array(slotCount * WORDS_PER_SLOT);
    const mask = slotCount - 1;
    const shift = 32 - Math.log2(slotCount);
    // Home slots are the hash's top bits, so old slot i moves to new slot 2i or 2i+1:
    // this loop reads and writes memory in order instead of missing the cache per entry.
    for (let at = 0; at < old.length; at += WORDS_PER_SLOT) {
      const high = old[at]!;
      const low = old[at + 1]!;
      if ((high | low) === 0) continue;
      let index = homeSlot(high, low, shift);
      while ((slots[index << 1]! | slots[(index << 1) + 1]!) !== 0) index = (index + 1) & mask;
      slots[index << 1] = high;
      slots[(index << 1) + 1] = low;
    }
    this.slots = slots;
    this.mask = mask;
    this.shift = shift;
    this.growthThreshold = thresholdOf(slotCount);
  }
}

/**
 * The home slot of a fingerprint: the top bits of a multiplicative hash of both halves.
 * Models may hand in fingerprints that are exact packings of small states rather than
 * well-mixed hashes, so the halves are mixed here (two multiplies: cheap next to the cache
 * miss that follows).
 */
function homeSlot(high: number, low: number, shift: number): number {
  return Math.imul(low ^ Math.imul(high ^ (low >>> 16), 0x85ebca6b), 0x9e3779b1) >>> shift;
}

function thresholdOf(slotCount: number): number {
  return Math.floor((slotCount * LOAD_NUMERATOR) / LOAD_DENOMINATOR);
}

function powerOfTwoAtLeast(value: number): number {
  let power = 1;
  while (power < value) power *= 2;
  return power;
}
