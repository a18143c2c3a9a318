import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateMapEntries, stateObjects } from '../../framework/lab/state-summary.ts';
import { stateJson } from '../../framework/trace/state-json.ts';

class Inner {
  constructor(readonly value: number) {}
}
class Outer {
  readonly inner = new Inner(1);
  readonly list = [new Inner(2), { deeper: new Inner(3) }];
  readonly byKey = new Map([[7, new Inner(4)]]);
}

describe('reading JSON states for a summary', () => {
  it('finds every object of a class, outermost first, inside Maps and arrays too', () => {
    const state = stateJson({ outer: new Outer() });
    expect(stateObjects(state, 'Outer')).toHaveLength(1);
    expect(stateObjects(state, 'Inner').map((found) => found['value'])).toEqual([1, 2, 3, 4]);
    expect(stateObjects(state, 'Missing')).toEqual([]);
  });

  it('reads the entries of a Map, of a plain object, and of nothing else', () => {
    expect(
      stateMapEntries(
        stateJson(
          new Map([
            [1, 'a'],
            [2, 'b'],
          ]),
        ),
      ),
    ).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(stateMapEntries(stateJson({ x: 1 }))).toEqual([['x', 1]]);
    expect(stateMapEntries(stateJson(new Inner(5)))).toEqual([['value', 5]]);
    for (const other of [stateJson(undefined), stateJson(new Set([1])), [1, 2], 3, null, 'text'])
      expect(stateMapEntries(other)).toEqual([]);
  });

  it('never throw, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, className) => {
        expect(Array.isArray(stateObjects(value, className))).toBe(true);
        expect(Array.isArray(stateMapEntries(value))).toBe(true);
      }),
    );
  });
});
