import { hashString64 } from '../core/hash.ts';

/**
 * Gives each distinct value (by canonical encoding) a small integer id, once. Search states
 * then hold ids instead of objects: a node state reached by a million global states is
 * stored once, and its 64-bit hash is computed once.
 */
export class InternTable<T> {
  private readonly idsByKey = new Map<string, number>();
  /** Each id's key, so that {@link truncate} can take it out of the map. */
  private readonly keys: string[] = [];
  readonly values: T[] = [];
  readonly hashHigh: number[] = [];
  readonly hashLow: number[] = [];
  private keyCharacters = 0;

  /** The id of the value with this canonical key, interning `value` if the key is new. */
  intern(key: string, value: T): number {
    const existing = this.idsByKey.get(key);
    if (existing !== undefined) return existing;
    const id = this.values.length;
    const hash = hashString64(key);
    this.idsByKey.set(key, id);
    this.keys.push(key);
    this.values.push(value);
    this.hashHigh.push(hash.high);
    this.hashLow.push(hash.low);
    this.keyCharacters += key.length;
    return id;
  }

  /**
   * An estimate of the memory the table holds: its keys (one byte a character, as V8 keeps
   * Latin-1 strings), about as much again for the values (a value is what its key encodes),
   * and a fixed cost per entry (the map's entry, the hashes, the value's header).
   */
  get sizeBytesEstimate(): number {
    return this.keyCharacters * 2 + this.values.length * BYTES_PER_ENTRY_ESTIMATE;
  }

  /** The value with this id. */
  value(id: number): T {
    const value = this.values[id];
    if (value === undefined) throw new RangeError(`no interned value ${id}`);
    return value;
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * Forgets every value interned since the table held `size` of them: their ids are given
   * again to the next new values. Only for a caller that knows nothing refers to them.
   */
  truncate(size: number): void {
    for (let id = size; id < this.keys.length; id++) {
      const key = this.keys[id]!;
      this.idsByKey.delete(key);
      this.keyCharacters -= key.length;
    }
    this.keys.length = Math.min(this.keys.length, size);
    this.values.length = this.keys.length;
    this.hashHigh.length = this.keys.length;
    this.hashLow.length = this.keys.length;
  }
}

const BYTES_PER_ENTRY_ESTIMATE = 96;

/** Sequences a new table has room for, and their total length. */
const SEQUENCES_INITIAL = 256;
const WORDS_INITIAL = 4096;

/**
 * Gives each distinct sequence of int32 numbers a small integer id, once: the sets of
 * envelopes a network can be and the timer queues a node can have. All sequences live in
 * one growing typed array, so a million of them cost a few words each and no object.
 *
 * The caller hashes a sequence (a set of envelopes and a queue of timers hash differently)
 * and the table trusts that equal sequences have equal hashes; sequences with equal hashes
 * are compared word by word.
 */
export class SequenceTable {
  /** Every sequence's words, one after another. */
  private words: Int32Array = new Int32Array(WORDS_INITIAL);
  private wordsUsed = 0;
  private starts: Int32Array = new Int32Array(SEQUENCES_INITIAL);
  private lengths: Int32Array = new Int32Array(SEQUENCES_INITIAL);
  /** Two words per id: the high and low halves of the sequence's 64-bit hash. */
  private hashes: Int32Array = new Int32Array(SEQUENCES_INITIAL * 2);
  private count = 0;
  /** Open addressing by hash: id + 1 per slot, 0 when empty. */
  private slots: Int32Array = new Int32Array(SEQUENCES_INITIAL * 2);

  /** The number of distinct sequences. */
  get size(): number {
    return this.count;
  }

  /** The memory the table holds. */
  get sizeBytes(): number {
    return (
      this.words.byteLength +
      this.starts.byteLength +
      this.lengths.byteLength +
      this.hashes.byteLength +
      this.slots.byteLength
    );
  }

  /** The id of the first `length` numbers of `values`, interning them if they are new. */
  intern(values: ArrayLike<number>, length: number, hashHigh: number, hashLow: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = (hashLow ^ Math.imul(hashHigh, 0x9e3779b1)) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      if (this.equals(entry - 1, values, length, hashHigh, hashLow)) return entry - 1;
    }
    const id = this.count;
    if (id === this.starts.length) this.growIds();
    if (this.wordsUsed + length > this.words.length) this.growWords(length);
    const start = this.wordsUsed;
    for (let index = 0; index < length; index++) this.words[start + index] = values[index]!;
    this.wordsUsed = start + length;
    this.starts[id] = start;
    this.lengths[id] = length;
    this.hashes[id * 2] = hashHigh;
    this.hashes[id * 2 + 1] = hashLow;
    slots[slot] = id + 1;
    this.count = id + 1;
    if (this.count * 2 > slots.length) this.growSlots();
    return id;
  }

  /** The length of sequence `id`. */
  length(id: number): number {
    return this.lengths[id]!;
  }

  /** Where sequence `id` starts in {@link data}. */
  start(id: number): number {
    return this.starts[id]!;
  }

  /**
   * The words of all sequences. A sequence never changes, but the array is replaced when
   * the table grows: read it again after interning.
   */
  get data(): Int32Array {
    return this.words;
  }

  /** Number `index` of sequence `id`. */
  at(id: number, index: number): number {
    return this.words[this.starts[id]! + index]!;
  }

  /** Sequence `id` as a view (never modify it). */
  view(id: number): Int32Array {
    const start = this.starts[id]!;
    return this.words.subarray(start, start + this.lengths[id]!);
  }

  /** The high half of sequence `id`'s hash, as given when it was interned (an int32). */
  hashHigh(id: number): number {
    return this.hashes[id * 2]!;
  }

  /** The low half of sequence `id`'s hash (an int32). */
  hashLow(id: number): number {
    return this.hashes[id * 2 + 1]!;
  }

  private equals(
    id: number,
    values: ArrayLike<number>,
    length: number,
    hashHigh: number,
    hashLow: number,
  ): boolean {
    if (
      this.hashes[id * 2] !== (hashHigh | 0) ||
      this.hashes[id * 2 + 1] !== (hashLow | 0) ||
      this.lengths[id] !== length
    )
      return false;
    const words = this.words;
    const start = this.starts[id]!;
    for (let index = 0; index < length; index++)
      if (words[start + index] !== values[index]) return false;
    return true;
  }

  /**
   * Forgets every sequence interned since the table held `size` of them (see
   * {@link InternTable.truncate}); the storage shrinks back to what the rest needs.
   */
  truncate(size: number): void {
    if (size >= this.count) return;
    this.count = size;
    this.wordsUsed = size === 0 ? 0 : this.starts[size - 1]! + this.lengths[size - 1]!;
    let capacity = SEQUENCES_INITIAL;
    while (capacity < size) capacity *= 2;
    this.starts = this.starts.slice(0, capacity);
    this.lengths = this.lengths.slice(0, capacity);
    this.hashes = this.hashes.slice(0, capacity * 2);
    let words = WORDS_INITIAL;
    while (words < this.wordsUsed) words *= 2;
    this.words = this.words.slice(0, words);
    this.slots = new Int32Array(capacity * 2);
    this.rehash();
  }

  private growIds(): void {
    const capacity = this.starts.length * 2;
    this.starts = grown(this.starts, capacity);
    this.lengths = grown(this.lengths, capacity);
    this.hashes = grown(this.hashes, capacity * 2);
  }

  private growWords(needed: number): void {
    let capacity = this.words.length * 2;
    while (capacity < this.wordsUsed + needed) capacity *= 2;
    this.words = grown(this.words, capacity);
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.rehash();
  }

  /** Puts every sequence into {@link slots}, which must be empty. */
  private rehash(): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = (this.hashes[id * 2 + 1]! ^ Math.imul(this.hashes[id * 2]!, 0x9e3779b1)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
  }
}

function grown(array: Int32Array, capacity: number): Int32Array {
  const result = new Int32Array(capacity);
  result.set(array);
  return result;
}
