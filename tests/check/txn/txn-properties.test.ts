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
  'G0-process': (h, k, p) =>
    h
      .txn(p(1), [['append', k('x'), 1]])
      .txn(p(1), [['append', k('x'), 2]])
      .txn(p(2), [['r', k('x'), [2, 1]]]),
  'G1c-realtime': (h, k, p) => h.txn(p(1), [['r', k('x'), [1]]]).txn(p(2), [['append', k('x'), 1]]),
  // Write skews closed by session order: T_a misses T_b's append to y, T_b misses T_c's
  // append to z, and T_c ran before T_a (on T_a's process, or completed before T_a began);
  // T_b overlaps both, so no session order makes a shorter cycle.
  'G2-item-process': (h, k, p) => writeSkewThroughSession(h, k, p(1), p(2), p(1), p(3)),
  'G2-item-realtime': (h, k, p) => writeSkewThroughSession(h, k, p(1), p(2), p(4), p(3)),
  'G-nonadjacent-process': (h, k, p) =>
    h
      .invoke(p(1), [['append', k('a'), 1]])
      .invoke(p(3), [['append', k('b'), 1]])
      .complete(p(1), 'ok')
      .complete(p(3), 'ok')
      .invoke(p(1), [['r', k('b'), []]])
      .invoke(p(3), [['r', k('a'), []]])
      .complete(p(1), 'ok')
      .complete(p(3), 'ok')
      .txn(p(5), [
        ['r', k('a'), [1]],
        ['r', k('b'), [1]],
      ]),
  // T1 -rw-> T2 -realtime-> T3 -rw-> T4 -wr-> T1, timed so that no real-time edge closes a
  // cycle with a single anti-dependency (real time alone, an interval order, cannot).
  'G-nonadjacent-realtime': (h, k, p) =>
    h
      .invoke(p(1), [
        ['r', k('a'), null],
        ['r', k('b'), null],
      ])
      .invoke(p(4), [
        ['append', k('a'), 1],
        ['append', k('c'), 1],
      ])
      .invoke(p(2), [['append', k('b'), 1]])
      .complete(p(2), 'ok')
      .invoke(p(3), [['r', k('c'), null]])
      .complete(p(4), 'ok')
      .complete(p(1), 'ok', [
        ['r', k('a'), [1]],
        ['r', k('b'), []],
      ])
      .complete(p(3), 'ok', [['r', k('c'), []]])
      .txn(p(5), [
        ['r', k('b'), [1]],
        ['r', k('c'), [1]],
      ]),
};

function writeSkewThroughSession(
  h: TxnHistoryBuilder,
  k: (name: string) => string,
  processC: string,
  processB: string,
  processA: string,
  processReader: string,
): TxnHistoryBuilder {
  return h
    .invoke(processB, [
      ['append', k('y'), 1],
      ['r', k('z'), null],
    ])
    .txn(processC, [['append', k('z'), 1]])
    .txn(processA, [['r', k('y'), []]])
    .complete(processB, 'ok', [
      ['append', k('y'), 1],
      ['r', k('z'), []],
    ])
    .txn(processReader, [
      ['r', k('y'), [1]],
      ['r', k('z'), [1]],
    ]);
}

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
