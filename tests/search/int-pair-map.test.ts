import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntPairMap } from '../../framework/search/int-pair-map.ts';

// Keys from a small range, so that overwrites are common, and from the whole int32 range.
const key = fc.oneof(fc.nat(20), fc.constant(0), fc.constant(2 ** 31 - 1), fc.nat(2 ** 31 - 1));
const operations = fc.array(fc.tuple(key, key, fc.nat(2 ** 31 - 1)), { maxLength: 3000 });

describe('IntPairMap', () => {
  it('agrees with a Map of strings, through growth and clearing', () => {
    fc.assert(
      fc.property(operations, fc.nat(3000), (pairs, clearAt) => {
        const map = new IntPairMap();
        let oracle = new Map<string, number>();
        pairs.forEach(([first, second, value], index) => {
          if (index === clearAt) {
            map.clear();
            oracle = new Map();
          }
          expect(map.get(first, second)).toBe(oracle.get(`${first}:${second}`) ?? -1);
          map.set(first, second, value);
          oracle.set(`${first}:${second}`, value);
          expect(map.get(first, second)).toBe(value);
        });
        expect(map.size).toBe(oracle.size);
        for (const [pair, value] of oracle) {
          const [first, second] = pair.split(':').map(Number) as [number, number];
          expect(map.get(first, second)).toBe(value);
          expect(map.get(second, first)).toBe(oracle.get(`${second}:${first}`) ?? -1);
        }
      }),
    );
  });

  it('refuses what it cannot hold: negative numbers and numbers that are not int32', () => {
    const map = new IntPairMap();
    expect(() => map.set(-1, 0, 0)).toThrow(RangeError);
    expect(() => map.set(0, 2 ** 31, 0)).toThrow(RangeError);
    expect(() => map.set(0, 0, 1.5)).toThrow(RangeError);
    expect(map.size).toBe(0);
  });
});
