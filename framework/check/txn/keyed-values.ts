/**
 * A map from (key number, value) to a non-negative number: each appended value's writer.
 * One `Map` per key, in an array indexed by key number. A hash table of typed arrays over
 * (key, integer value) was tried and measured slower, cold and at a million transactions
 * (1.3x the CPU time at 1 M): V8's `Map` is native code from the first call, where a
 * hand-written table runs in the interpreter until the JIT gets to it.
 */
export class KeyedValues {
  private readonly maps: Map<unknown, number>[] = [];

  /** The number stored for `value` of key `key`, or -1. */
  get(key: number, value: unknown): number {
    return this.maps[key]?.get(value) ?? -1;
  }

  /** Stores `entry` (at least 0) for `value` of key `key`. */
  set(key: number, value: unknown, entry: number): void {
    while (this.maps.length <= key) this.maps.push(new Map());
    (this.maps[key] as Map<unknown, number>).set(value, entry);
  }
}
