/** Slots a new map starts with. */
const SLOTS_INITIAL = 1 << 10;
/** Grow at half full: probes stay short, and a miss (the common case in a memo) ends soon. */
const LOAD_NUMERATOR = 1;
const LOAD_DENOMINATOR = 2;
const EMPTY = -1;

/**
 * A map from pairs of non-negative int32 numbers to non-negative int32 numbers, in flat
 * typed arrays (open addressing, linear probing): the memo tables of a model's hot path,
 * where a `Map` would need a composite key (a string, or a number too large to be a small
 * integer) for every lookup. Lookups and updates allocate nothing.
 */
export class IntPairMap {
  /** Two words per slot: the pair; a first word of -1 marks an empty slot. */
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor() {
    this.keys = new Int32Array(SLOTS_INITIAL * 2).fill(EMPTY);
    this.values = new Int32Array(SLOTS_INITIAL);
    this.mask = SLOTS_INITIAL - 1;
  }

  /** The number of pairs in the map. */
  get size(): number {
    return this.count;
  }

  /** The memory the map holds. */
  get sizeBytes(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  /** The value of the pair (first, second), or -1 if the map has none. */
  get(first: number, second: number): number {
    const keys = this.keys;
    const mask = this.mask;
    for (let slot = slotOf(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 1;
      const key = keys[at]!;
      if (key === EMPTY) return -1;
      if (key === first && keys[at + 1] === second) return this.values[slot]!;
    }
  }

  /** Sets the value of the pair (first, second); all three must be non-negative int32 numbers. */
  set(first: number, second: number, value: number): void {
    if (
      (first | 0) !== first ||
      first < 0 ||
      (second | 0) !== second ||
      second < 0 ||
      (value | 0) !== value ||
      value < 0
    ) {
      throw new RangeError(
        `int pair map: ${first}, ${second} -> ${value} is not three non-negative int32 numbers`,
      );
    }
    const keys = this.keys;
    const mask = this.mask;
    let slot = slotOf(first, second) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const at = slot << 1;
      const key = keys[at]!;
      if (key === EMPTY) break;
      if (key === first && keys[at + 1] === second) {
        this.values[slot] = value;
        return;
      }
    }
    keys[slot << 1] = first;
    keys[(slot << 1) + 1] = second;
    this.values[slot] = value;
    if (++this.count * LOAD_DENOMINATOR > (mask + 1) * LOAD_NUMERATOR) this.grow();
  }

  /** Removes every pair, and gives back the memory the map grew into. */
  clear(): void {
    this.keys = new Int32Array(SLOTS_INITIAL * 2).fill(EMPTY);
    this.values = new Int32Array(SLOTS_INITIAL);
    this.mask = SLOTS_INITIAL - 1;
    this.count = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const slotCount = (this.mask + 1) * 2;
    const keys = new Int32Array(slotCount * 2).fill(EMPTY);
    const values = new Int32Array(slotCount);
    const mask = slotCount - 1;
    for (let old = 0; old < oldValues.length; old++) {
      const first = oldKeys[old << 1]!;
      if (first === EMPTY) continue;
      const second = oldKeys[(old << 1) + 1]!;
      let slot = slotOf(first, second) & mask;
      while (keys[slot << 1] !== EMPTY) slot = (slot + 1) & mask;
      keys[slot << 1] = first;
      keys[(slot << 1) + 1] = second;
      values[slot] = oldValues[old]!;
    }
    this.keys = keys;
    this.values = values;
    this.mask = mask;
  }
}

/** A well-mixed 32-bit hash of the pair; its low bits pick the home slot. */
function slotOf(first: number, second: number): number {
  let hash = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 13);
}
