import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../framework/search/index.ts';

// Halves from a small range, zero included, so that duplicates and the reserved 0:0 are common.
const half = fc.oneof(
  fc.constant(0),
  fc.nat(5),
  fc.constant(0xffffffff),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const fingerprints = fc.array(fc.tuple(half, half), { maxLength: 3000 });

describe('FingerprintSet', () => {
  it('agrees with a Set of strings, through growth from the smallest table', () => {
    fc.assert(
      fc.property(fingerprints, (pairs) => {
        const set = new FingerprintSet(1);
        const oracle = new Set<string>();
        for (const [high, low] of pairs) {
          const key = `${high}:${low}`;
          expect(set.add(high, low)).toBe(!oracle.has(key));
          oracle.add(key);
        }
        expect(set.size).toBe(oracle.size);
        for (const [high, low] of pairs) expect(set.has(high, low)).toBe(true);
        for (const [high, low] of pairs)
          expect(set.has(high ^ 0x80000000, low)).toBe(
            oracle.has(`${(high ^ 0x80000000) >>> 0}:${low}`),
          );
      }),
    );
  });

  it('treats signed and unsigned spellings of the same 32 bits as one fingerprint', () => {
    const set = new FingerprintSet();
    expect(set.add(-1, -2)).toBe(true);
    expect(set.add(0xffffffff, 0xfffffffe)).toBe(false);
    expect(set.has(0xffffffff, 0xfffffffe)).toBe(true);
  });

  it('keeps 0:0 like any other fingerprint', () => {
    const set = new FingerprintSet();
    expect(set.has(0, 0)).toBe(false);
    expect(set.add(0, 0)).toBe(true);
    expect(set.add(0, 0)).toBe(false);
    expect(set.has(0, 0)).toBe(true);
    expect(set.size).toBe(1);
  });

  it('holds a million fingerprints in 16 MiB of table plus its recent cache', () => {
    const set = new FingerprintSet();
    for (let index = 0; index < 1_000_000; index++) set.add(Math.imul(index, 0x9e3779b1), index);
    expect(set.size).toBe(1_000_000);
    expect(set.sizeBytes).toBe(2 ** 21 * 8 + 2 ** 16 * 8);
  });
});
