import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState } from '../../framework/core/clone.ts';
import { encode, encodeFieldValue, EncodingError } from '../../framework/core/encoding.ts';
import { deepFreeze } from '../../framework/core/message.ts';
import { sameState } from '../../framework/core/same-state.ts';
import { orderFrom, reordered, stateValues } from '../fixtures/state-values.ts';

describe('sameState', () => {
  it('never calls two values the same when their encodings differ', () => {
    let samePairs = 0;
    fc.assert(
      fc.property(stateValues(true), stateValues(true), (a, b) => {
        if (!sameState(a, b)) return;
        samePairs++;
        expect(encode(a)).toBe(encode(b));
      }),
      { seed: 4_321, numRuns: 10_000 },
    );
    // Small domains: equal pairs drawn independently are common, so the property is exercised.
    expect(samePairs).toBeGreaterThan(150);
  });

  it('finds a value the same as its copy, and as itself', () => {
    fc.assert(
      fc.property(stateValues(false), (value) => {
        expect(sameState(value, value)).toBe(true);
        // Map keys and Set elements that are objects are other objects once copied: the same
        // encoding, not the same value.
        if (!keysObjects(value)) expect(sameState(cloneState(value), value)).toBe(true);
      }),
      { seed: 8_765, numRuns: 300 },
    );
  });

  it('tells Maps and Sets in another order apart (a handler may iterate them), though they encode the same', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    const reversed = new Map([
      ['b', 2],
      ['a', 1],
    ]);
    expect(encode(map)).toBe(encode(reversed));
    expect(sameState(map, reversed)).toBe(false);
    expect(sameState(new Set([1, 2]), new Set([2, 1]))).toBe(false);
    expect(sameState({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });

  it('tells apart values that differ in a field, an element, a prototype or a hidden field', () => {
    expect(sameState({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameState({ a: 1 }, Object.assign(Object.create(null) as object, { a: 1 }))).toBe(false);
    const hidden = {};
    Object.defineProperty(hidden, 'a', { value: 1, enumerable: false });
    expect(sameState({ a: 1 }, Object.assign(hidden, { b: 1 }))).toBe(false);
    expect(sameState([undefined], [])).toBe(false);
  });
});

describe('encodings of frozen values, cached', () => {
  it('are those of the same values unfrozen, however often asked', () => {
    fc.assert(
      fc.property(stateValues(false), fc.integer(), (value, seed) => {
        const expected = encode(cloneState(value));
        const frozen = deepFreeze(reordered(value, orderFrom(seed)));
        // Encoded as node state, which fills the cache; then read back in other places.
        expect(encodeFieldValue(frozen)).toBe(expected);
        expect(encode(frozen)).toBe(expected);
        expect(encode({ inside: [frozen, frozen] })).toBe(encode({ inside: [value, value] }));
      }),
      { seed: 2_468, numRuns: 300 },
    );
  });

  it('still refuse nesting past the limit where a cached value sits too deep, exactly as uncached ones', () => {
    const leaf = deepFreeze({ a: { b: { c: 1 } } });
    expect(encodeFieldValue(leaf)).toBe('{1:a={1:b={1:c=d1;}}}');
    const outcome = (value: unknown): string => {
      try {
        return encode(value);
      } catch (error) {
        return error instanceof EncodingError ? 'refused' : 'other error';
      }
    };
    const nestedIn = (levels: number, value: unknown): unknown => {
      let nested = value;
      for (let level = 0; level < levels; level++) nested = [nested];
      return nested;
    };
    const outcomes = [996, 997, 998].map((levels) => outcome(nestedIn(levels, leaf)));
    expect(outcomes).toEqual(
      [996, 997, 998].map((levels) => outcome(nestedIn(levels, { a: { b: { c: 1 } } }))),
    );
    expect(outcomes.at(-1)).toBe('refused');
    expect(outcomes[0]).not.toBe('refused');
  });
});

/** Whether a Map with an object key or a Set with an object element is somewhere in the value. */
function keysObjects(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const isObject = (element: unknown): boolean => typeof element === 'object' && element !== null;
  if (value instanceof Map)
    return [...value].some(([key, entry]) => isObject(key) || keysObjects(entry));
  if (value instanceof Set) return [...value].some(isObject);
  return Object.values(value).some(keysObjects);
}
