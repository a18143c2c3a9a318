import { hashString64 } from '../core/hash.ts';

/**
 * Gives each distinct value (by canonical encoding) a small integer id, once. Search states
 * then hold ids instead of objects: a node state reached by a million global states is
 * stored once, and its 64-bit hash is computed once.
 */
export class InternTable<T> {
  private readonly idsByKey = new Map<string, number>();
  readonly values: T[] = [];
  readonly hashHigh: number[] = [];
  readonly hashLow: number[] = [];

  /** The id of the value with this canonical key, interning `value` if the key is new. */
  intern(key: string, value: T): number {
    const existing = this.idsByKey.get(key);
    if (existing !== undefined) return existing;
    const id = this.values.length;
    const hash = hashString64(key);
    this.idsByKey.set(key, id);
    this.values.push(value);
    this.hashHigh.push(hash.high);
    this.hashLow.push(hash.low);
    return id;
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
}
