import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTransactions, type TxnEvent } from '../../../framework/check/index.ts';
import { isSerializableByBruteForce } from './brute-force-serializability.ts';
import { drawsArbitrary, sometimesSerialHistory, strictSerialHistory } from './random-histories.ts';
import { TxnHistoryBuilder } from './txn-history-builder.ts';

describe('list-append properties', () => {
  it('finds no anomaly at all in histories from a strictly serial execution', () => {
    fc.assert(
      fc.property(drawsArbitrary, fc.integer({ min: 1, max: 30 }), (draws, count) => {
        const result = checkTransactions(strictSerialHistory(draws, count), {
          workload: 'list-append',
        });
        expect(result.anomalies).toEqual([]);
        expect(result.verdict).toBe('valid');
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a brute-force serializability check on thousands of small histories', () => {
    let serializable = 0;
    fc.assert(
      fc.property(drawsArbitrary, fc.integer({ min: 2, max: 6 }), (draws, count) => {
        const events = sometimesSerialHistory(draws, count);
        const result = checkTransactions(events, {
          workload: 'list-append',
          model: 'serializable',
          processEdges: false,
          realtimeEdges: false,
        });
        const expected = isSerializableByBruteForce(events);
        if (expected) serializable++;
        expect(result.verdict).toBe(expected ? 'valid' : 'invalid');
      }),
      { numRuns: 3000 },
    );
    // Both answers must be common, or the agreement says little.
    expect(serializable).toBeGreaterThan(300);
    expect(serializable).toBeLessThan(2700);
  });
});

/** A small history showing one anomaly, on keys and processes of its own. */
type Plant = (
  builder: TxnHistoryBuilder,
  key: (name: string) => string,
  process: (n: number) => string,
) => void;

const PLANTS: Record<string, Plant> = {
  G0: (h, k, p) =>
    h
      .invoke(p(1), [
        ['append', k('x'), 1],
        ['append', k('y'), 1],
      ])
      .invoke(p(2), [
        ['append', k('x'), 2],
        ['append', k('y'), 2],
      ])
      .complete(p(1), 'ok')
      .complete(p(2), 'ok')
      .txn(p(3), [
        ['r', k('x'), [1, 2]],
        ['r', k('y'), [2, 1]],
      ]),
  G1a: (h, k, p) => h.txn(p(1), [['append', k('x'), 1]], 'fail').txn(p(2), [['r', k('x'), [1]]]),
  G1b: (h, k, p) =>
    h
      .txn(p(1), [
        ['append', k('x'), 1],
        ['append', k('x'), 2],
      ])
      .txn(p(2), [['r', k('x'), [1]]]),
  G1c: (h, k, p) =>
    h
      .invoke(p(1), [
        ['append', k('x'), 1],
        ['r', k('y'), [1]],
      ])
      .invoke(p(2), [
        ['append', k('y'), 1],
        ['r', k('x'), [1]],
      ])
      .complete(p(1), 'ok')
      .complete(p(2), 'ok'),
  'G-single': (h, k, p) =>
    h
      .invoke(p(1), [
        ['append', k('x'), 1],
        ['append', k('y'), 1],
      ])
      .invoke(p(2), [
        ['r', k('x'), []],
        ['r', k('y'), [1]],
      ])
      .complete(p(1), 'ok')
      .complete(p(2), 'ok')
      .txn(p(3), [['r', k('x'), [1]]]),
  'G-nonadjacent': (h, k, p) =>
    h
      .invoke(p(1), [
        ['r', k('a'), []],
        ['r', k('d'), [1]],
      ])
      .invoke(p(2), [
        ['append', k('a'), 1],
        ['append', k('b'), 1],
      ])
      .invoke(p(3), [
        ['r', k('b'), [1]],
        ['r', k('c'), []],
      ])
      .invoke(p(4), [
        ['append', k('c'), 1],
        ['append', k('d'), 1],
      ])
      .complete(p(1), 'ok')
      .complete(p(2), 'ok')
      .complete(p(3), 'ok')
      .complete(p(4), 'ok')
      .txn(p(5), [
        ['r', k('a'), [1]],
        ['r', k('c'), [1]],
      ]),
  'G2-item': (h, k, p) =>
    h
      .invoke(p(1), [
        ['r', k('x'), []],
        ['append', k('y'), 1],
      ])
      .invoke(p(2), [
        ['r', k('y'), []],
        ['append', k('x'), 1],
      ])
      .complete(p(1), 'ok')
      .complete(p(2), 'ok')
      .txn(p(3), [
        ['r', k('x'), [1]],
        ['r', k('y'), [1]],
      ]),
  internal: (h, k, p) =>
    h.txn(p(1), [
      ['append', k('x'), 1],
      ['r', k('x'), []],
    ]),
  'dirty-update': (h, k, p) =>
    h
      .txn(p(1), [['append', k('x'), 1]], 'fail')
      .txn(p(2), [['append', k('x'), 2]])
      .txn(p(3), [['r', k('x'), [1, 2]]]),
  'duplicate-elements': (h, k, p) =>
    h.txn(p(1), [['append', k('x'), 1]]).txn(p(2), [['r', k('x'), [1, 1]]]),
  'incompatible-order': (h, k, p) =>
    h
      .txn(p(1), [['append', k('x'), 1]])
      .txn(p(2), [['append', k('x'), 2]])
      .txn(p(3), [['r', k('x'), [1]]])
      .txn(p(4), [['r', k('x'), [2]]]),
  'lost-update': (h, k, p) =>
    h
      .invoke(p(1), [
        ['r', k('x'), []],
        ['append', k('x'), 1],
      ])
      .invoke(p(2), [
        ['r', k('x'), []],
        ['append', k('x'), 2],
      ])
      .complete(p(1), 'ok')
      .complete(p(2), 'ok')
      .txn(p(3), [['r', k('x'), [1, 2]]]),
  'G-single-process': (h, k, p) =>
    h
      .txn(p(1), [['append', k('x'), 1]])
      .txn(p(1), [['r', k('x'), []]])
      .txn(p(2), [['r', k('x'), [1]]]),
  'G-single-realtime': (h, k, p) =>
    h
      .txn(p(1), [['append', k('x'), 1]])
      .txn(p(2), [['r', k('x'), []]])
      .txn(p(3), [['r', k('x'), [1]]]),
  'G0-realtime': (h, k, p) =>
    h
      .txn(p(1), [['append', k('x'), 1]])
      .txn(p(2), [['append', k('x'), 2]])
      .txn(p(3), [['r', k('x'), [2, 1]]]),
  'G1c-process': (h, k, p) => h.txn(p(1), [['r', k('x'), [1]]]).txn(p(1), [['append', k('x'), 1]]),
};

/** The plant's events spliced into the base history at `position` (between two events). */
function planted(base: TxnEvent[], plant: Plant, position: number): TxnEvent[] {
  const builder = new TxnHistoryBuilder();
  plant(
    builder,
    (name) => `planted-${name}`,
    (n) => `planted-process-${n}`,
  );
  const at = position % (base.length + 1);
  return [...base.slice(0, at), ...builder.events, ...base.slice(at)];
}

describe('planted anomalies', () => {
  for (const [type, plant] of Object.entries(PLANTS)) {
    it(`finds a planted ${type} in any strictly serial history`, () => {
      fc.assert(
        fc.property(
          drawsArbitrary,
          fc.integer({ min: 0, max: 25 }),
          fc.nat(),
          (draws, count, position) => {
            const result = checkTransactions(
              planted(strictSerialHistory(draws, count), plant, position),
              {
                workload: 'list-append',
              },
            );
            expect(result.verdict).toBe('invalid');
            expect(result.anomalies.map((anomaly) => anomaly.type)).toContain(type);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
