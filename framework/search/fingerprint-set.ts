/** Slots in a new table: 256 KiB, small enough for tests and short searches. */
const SLOTS_INITIAL = 1 << 15;
/** At least two slots, so that a home slot has at least one bit (a shift by 32 is a no-op). */
const SLOTS_MIN = 16;
/** Beyond this the table would take more than 16 GiB; a memory limit stops a search first. */
const SLOTS_MAX = 2 ** 31;
/** Grow at 3/4 full: linear probing stays short, and a doubling leaves the table 3/8 full. */
const LOAD_NUMERATOR = 3;
const LOAD_DENOMINATOR = 4;
/** 2^16 recent fingerprints: 512 KiB, which stays in a core's L2 cache. */
const RECENT_BITS = 16;
const WORDS_PER_SLOT = 2;
const BYTES_PER_WORD = 4;

/**
 * The visited set of a search: 64-bit fingerprints in an open-addressing hash table with
 * linear probing, two 32-bit words per slot in one typed array (a probe touches one cache
 * line). A slot of two zero words is empty; the fingerprint 0:0 itself is kept in a flag.
 * It costs 11 to 21 bytes per fingerprint, and no object for the collector to trace.
 *
 * Once the table outgrows the CPU's caches, each lookup costs a memory access (about
 * 100 ns), which dominates a fast model's search. Most lookups are of states seen moments
 * ago: in a breadth-first search, the two orders of two independent events (a diamond)
 * reach the same state from siblings expanded one after the other. So a small
 * direct-mapped cache of recent fingerprints answers those before the table is touched;
 * on the TwoPhase spec it answers most duplicate lookups.
 */
export class FingerprintSet {
  private slots: Uint32Array;
  /** Shifts a 32-bit hash down to its top bits, which pick the home slot. */
  private shift: number;
  private count = 0;
  private growthThreshold: number;
  private containsZero = false;
  /**
   * Fingerprints recently added or found, each in the slot its hash picks; all are in the table.
   */
  private readonly recent = new Uint32Array((1 << RECENT_BITS) * WORDS_PER_SLOT);

  constructor(slotCount: number = SLOTS_INITIAL) {
    const count = powerOfTwoAtLeast(Math.max(slotCount, SLOTS_MIN));
    this.slots = new Uint32Array(count * WORDS_PER_SLOT);
    this.shift = 32 - Math.log2(count);
    this.growthThreshold = thresholdOf(count);
  }

  /** The number of fingerprints in the set. */
  get size(): number {
    return this.count;
  }

  /** The memory the set holds. */
  get sizeBytes(): number {
    return (this.slots.length + this.recent.length) * BYTES_PER_WORD;
  }

  /** Adds a fingerprint (two uint32 halves); returns true if it was not in the set. */
  add(high: number, low: number): boolean {
    high >>>= 0;
    low >>>= 0;
    if ((high | low) === 0) {
      if (this.containsZero) return false;
      this.containsZero = true;
      this.count++;
      return true;
    }
    const hash = mix(high, low);
    const recent = this.recent;
    const recentAt = (hash >>> (32 - RECENT_BITS)) << 1;
    if (recent[recentAt] === high && recent[recentAt + 1] === low) return false;
    recent[recentAt] = high;
    recent[recentAt + 1] = low;
    const slots = this.slots;
    const mask = slots.length / WORDS_PER_SLOT - 1;
    let index = hash >>> this.shift;
    for (;;) {
      const at = index << 1;
      const slotHigh = slots[at]!;
      const slotLow = slots[at + 1]!;
      if ((slotHigh | slotLow) === 0) break;
      if (slotHigh === high && slotLow === low) return false;
      index = (index + 1) & mask;
    }
    slots[index << 1] = high;
    slots[(index << 1) + 1] = low;
    if (++this.count > this.growthThreshold) this.grow();
    return true;
  }

  /** Whether the set holds a fingerprint. */
  has(high: number, low: number): boolean {
    high >>>= 0;
    low >>>= 0;
    if ((high | low) === 0) return this.containsZero;
    const slots = this.slots;
    const mask = slots.length / WORDS_PER_SLOT - 1;
    let index = mix(high, low) >>> this.shift;
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
    const slotCount = old.length; // twice the old slot count
    if (slotCount > SLOTS_MAX)
      throw new RangeError(`fingerprint set: more than ${SLOTS_MAX} slots`);
    const slots = new Uint32Array(slotCount * WORDS_PER_SLOT);
    const mask = slotCount - 1;
    const shift = this.shift - 1;
    // Home slots are a hash's top bits, so old slot i moves to new slot 2i or 2i+1: this
    // loop reads and writes memory in order instead of missing the cache per entry.
    for (let at = 0; at < old.length; at += WORDS_PER_SLOT) {
      const high = old[at]!;
      const low = old[at + 1]!;
      if ((high | low) === 0) continue;
      let index = mix(high, low) >>> shift;
      while ((slots[index << 1]! | slots[(index << 1) + 1]!) !== 0) index = (index + 1) & mask;
      slots[index << 1] = high;
      slots[(index << 1) + 1] = low;
    }
    this.slots = slots;
    this.shift = shift;
    this.growthThreshold = thresholdOf(slotCount);
  }
}

/**
 * A 32-bit hash of both halves, whose top bits are well mixed. Models may hand in
 * fingerprints that are exact packings of small states rather than hashes, so the mixing
 * happens here (two multiplies: cheap next to a cache miss).
 */
function mix(high: number, low: number): number {
  return Math.imul(low ^ Math.imul(high ^ (low >>> 16), 0x85ebca6b), 0x9e3779b1);
}

function thresholdOf(slotCount: number): number {
  return Math.floor((slotCount * LOAD_NUMERATOR) / LOAD_DENOMINATOR);
}

function powerOfTwoAtLeast(value: number): number {
  let power = 1;
  while (power < value) power *= 2;
  return power;
}
