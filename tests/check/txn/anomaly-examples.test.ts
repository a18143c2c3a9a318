import { describe, expect, it } from 'vitest';
import {
  checkTransactions,
  type TxnCheckOptions,
  type TxnCheckResult,
  type TxnEvent,
} from '../../../framework/check/index.ts';
import { history } from './txn-history-builder.ts';

function check(events: TxnEvent[], options: Partial<TxnCheckOptions> = {}): TxnCheckResult {
  return checkTransactions(events, { workload: 'list-append', ...options });
}

function typesOf(result: TxnCheckResult): string[] {
  return result.anomalies.map((anomaly) => `${anomaly.type}×${anomaly.count}`);
}

function firstExplanation(result: TxnCheckResult, type: string): readonly string[] {
  return result.anomalies.find((anomaly) => anomaly.type === type)?.examples[0]?.explanation ?? [];
}

describe('hand-written list-append histories, one per anomaly', () => {
  it('G0: two transactions whose appends are ordered both ways (write cycle)', () => {
    const result = check(
      history((h) =>
        h
          .txn(0, [
            ['append', 'x', 1],
            ['append', 'y', 1],
          ])
          .txn(1, [
            ['append', 'x', 2],
            ['append', 'y', 2],
          ])
          .txn(2, [['r', 'x', [1, 2]]])
          .txn(3, [['r', 'y', [2, 1]]]),
      ),
      { processEdges: false, realtimeEdges: false },
    );
    expect(result.verdict).toBe('invalid');
    expect(typesOf(result)).toEqual(['G0×1']);
    expect(firstExplanation(result, 'G0')).toEqual([
      'T1 < T2, because T2 appended 2 after T1 appended 1 to key "x"',
      'T2 < T1, because T1 appended 1 after T2 appended 2 to key "y"',
    ]);
    expect(result.not).toEqual(['read-committed']);
    expect(result.alsoNot).toEqual([
      'repeatable-read',
      'snapshot-isolation',
      'serializable',
      'strict-serializable',
    ]);
  });

  it('G1a: a committed read of a failed append (aborted read)', () => {
    const result = check(
      history((h) => h.txn(0, [['append', 'x', 1]], 'fail').txn(1, [['r', 'x', [1]]])),
    );
    expect(typesOf(result)).toEqual(['G1a×1']);
    expect(firstExplanation(result, 'G1a')).toEqual([
      'T2 read key "x" = [1], which includes 1, appended by T1, which failed',
    ]);
    expect(result.not).toEqual(['read-committed']);
  });

  it('G1b: a read of an intermediate state of another transaction', () => {
    const result = check(
      history((h) =>
        h
          .txn(0, [
            ['append', 'x', 1],
            ['append', 'x', 2],
          ])
          .txn(1, [['r', 'x', [1]]]),
      ),
    );
    expect(typesOf(result)).toEqual(['G1b×1']);
    expect(firstExplanation(result, 'G1b')).toEqual([
      'T2 read key "x" ending with 1, an intermediate state of T1, which appended to "x" again later',
    ]);
  });

  it("G1c: each transaction reads the other one's append (circular information flow)", () => {
    const result = check(
      history((h) =>
        h
          .invoke(0, [
            ['append', 'x', 1],
            ['r', 'y', [1]],
          ])
          .invoke(1, [
            ['append', 'y', 1],
            ['r', 'x', [1]],
          ])
          .complete(0, 'ok')
          .complete(1, 'ok'),
      ),
    );
    expect(result.verdict).toBe('invalid');
    expect(typesOf(result)).toEqual(['G1c×1']);
    expect(firstExplanation(result, 'G1c')).toEqual([
      'T1 < T2, because T2 read T1\'s append of 1 to key "x"',
      'T2 < T1, because T1 read T2\'s append of 1 to key "y"',
    ]);
  });

  it('G-single: a read skew, one anti-dependency in the cycle', () => {
    const result = check(
      history((h) =>
        h
          .invoke(0, [
            ['append', 'x', 1],
            ['append', 'y', 1],
          ])
          .invoke(1, [
            ['r', 'x', []],
            ['r', 'y', [1]],
          ])
          .complete(0, 'ok')
          .complete(1, 'ok')
          .txn(2, [['r', 'x', [1]]]),
      ),
    );
    expect(typesOf(result)).toEqual(['G-single×1']);
    expect(firstExplanation(result, 'G-single')).toEqual([
      'T1 < T2, because T2 read T1\'s append of 1 to key "y"',
      'T2 < T1, because T2 read key "x" = [], which did not yet include T1\'s append of 1',
    ]);
    expect(result.not).toEqual(['repeatable-read', 'snapshot-isolation']);
    expect(result.alsoNot).toEqual(['serializable', 'strict-serializable']);
  });

  it('G-nonadjacent: two anti-dependencies that never follow each other', () => {
    const result = check(
      history((h) =>
        h
          .invoke(0, [
            ['r', 'a', []],
            ['r', 'd', [1]],
          ])
          .invoke(1, [
            ['append', 'a', 1],
            ['append', 'b', 1],
          ])
          .invoke(2, [
            ['r', 'b', [1]],
            ['r', 'c', []],
          ])
          .invoke(3, [
            ['append', 'c', 1],
            ['append', 'd', 1],
          ])
          .complete(0, 'ok')
          .complete(1, 'ok')
          .complete(2, 'ok')
          .complete(3, 'ok')
          .txn(4, [
            ['r', 'a', [1]],
            ['r', 'c', [1]],
          ]),
      ),
    );
    expect(typesOf(result)).toEqual(['G-nonadjacent×1']);
    expect(firstExplanation(result, 'G-nonadjacent')).toEqual([
      'T1 < T2, because T1 read key "a" = [], which did not yet include T2\'s append of 1',
      'T2 < T3, because T3 read T2\'s append of 1 to key "b"',
      'T3 < T4, because T3 read key "c" = [], which did not yet include T4\'s append of 1',
      'T4 < T1, because T1 read T4\'s append of 1 to key "d"',
    ]);
    expect(result.not).toEqual(['repeatable-read', 'snapshot-isolation']);
  });

  it('G2-item: a write skew, allowed by snapshot isolation', () => {
    const events = history((h) =>
      h
        .invoke(0, [
          ['r', 'x', []],
          ['append', 'y', 1],
        ])
        .invoke(1, [
          ['r', 'y', []],
          ['append', 'x', 1],
        ])
        .complete(0, 'ok')
        .complete(1, 'ok')
        .txn(2, [
          ['r', 'x', [1]],
          ['r', 'y', [1]],
        ]),
    );
    const result = check(events);
    expect(typesOf(result)).toEqual(['G2-item×1']);
    expect(firstExplanation(result, 'G2-item')).toEqual([
      'T1 < T2, because T1 read key "x" = [], which did not yet include T2\'s append of 1',
      'T2 < T1, because T2 read key "y" = [], which did not yet include T1\'s append of 1',
    ]);
    expect(result.not).toEqual(['repeatable-read']);
    const underSnapshotIsolation = check(events, { model: 'snapshot-isolation' });
    expect(underSnapshotIsolation.verdict).toBe('valid');
    expect(underSnapshotIsolation.anomalies[0]?.forbidden).toBe(false);
  });

  it("internal: a read that contradicts the transaction's own append", () => {
    const result = check(
      history((h) =>
        h.txn(0, [
          ['append', 'x', 1],
          ['r', 'x', []],
        ]),
      ),
    );
    expect(typesOf(result)).toEqual(['internal×1']);
    expect(firstExplanation(result, 'internal')).toEqual([
      'T1 read key "x" = [], which does not end with its own appends [1]',
    ]);
    expect(result.not).toEqual(['snapshot-isolation']);
    expect(
      check(
        history((h) =>
          h.txn(0, [
            ['append', 'x', 1],
            ['r', 'x', []],
          ]),
        ),
      ).verdict,
    ).toBe('invalid');
  });

  it('dirty update: a committed append on top of a failed one', () => {
    const result = check(
      history((h) =>
        h
          .txn(0, [['append', 'x', 1]], 'fail')
          .txn(1, [['append', 'x', 2]])
          .txn(2, [['r', 'x', [1, 2]]]),
      ),
    );
    expect(typesOf(result)).toEqual(['G1a×1', 'dirty-update×1']);
    expect(firstExplanation(result, 'dirty-update')).toEqual([
      'key "x": T2\'s append of 2 was applied after T1\'s append of 1, and T1 failed',
    ]);
  });

  it('duplicate elements: a read that lists one append twice', () => {
    const result = check(
      history((h) => h.txn(0, [['append', 'x', 1]]).txn(1, [['r', 'x', [1, 1]]])),
    );
    expect(typesOf(result)).toEqual(['duplicate-elements×1']);
    expect(firstExplanation(result, 'duplicate-elements')).toEqual([
      'T2 read key "x" = [1 1], which lists an element more than once',
    ]);
  });

  it('incompatible order: two reads that no single order of appends explains', () => {
    const result = check(
      history((h) =>
        h
          .txn(0, [['append', 'x', 1]])
          .txn(1, [['append', 'x', 2]])
          .txn(2, [['r', 'x', [1]]])
          .txn(3, [['r', 'x', [2]]]),
      ),
    );
    expect(typesOf(result)).toContain('incompatible-order×1');
    expect(firstExplanation(result, 'incompatible-order')).toEqual([
      'T4 read key "x" = [2] and T3 read [1]: neither is a prefix of the other, so no single order of appends explains both',
    ]);
  });

  it('lost update: two transactions read the same version and both append', () => {
    const result = check(
      history((h) =>
        h
          .invoke(0, [
            ['r', 'x', []],
            ['append', 'x', 1],
          ])
          .invoke(1, [
            ['r', 'x', []],
            ['append', 'x', 2],
          ])
          .complete(0, 'ok')
          .complete(1, 'ok')
          .txn(2, [['r', 'x', [1, 2]]]),
      ),
    );
    // The later append lies on top of the earlier one: T2's read misses T1's append (rw) and
    // T2's append follows T1's (ww), a cycle with one anti-dependency.
    expect(typesOf(result)).toEqual(['G-single×1', 'lost-update×1']);
    expect(firstExplanation(result, 'lost-update')).toEqual([
      'T1 and T2 both read key "x" = [] and both appended to it: one of the appends was made without seeing the other',
    ]);
  });
});

describe('cycles through session and real-time order', () => {
  it('G-single-process: a process does not see its own earlier append', () => {
    const result = check(
      history((h) =>
        h
          .txn(0, [['append', 'x', 1]])
          .txn(0, [['r', 'x', []]])
          .txn(1, [['r', 'x', [1]]]),
      ),
    );
    expect(typesOf(result)).toEqual(['G-single-process×1']);
    expect(firstExplanation(result, 'G-single-process')).toEqual([
      'T1 < T2, because process 0 ran T1 and then T2',
      'T2 < T1, because T2 read key "x" = [], which did not yet include T1\'s append of 1',
    ]);
    expect(result.not).toEqual(['strict-serializable']);
    expect(
      check(
        history((h) =>
          h
            .txn(0, [['append', 'x', 1]])
            .txn(0, [['r', 'x', []]])
            .txn(1, [['r', 'x', [1]]]),
        ),
        { model: 'serializable' },
      ).verdict,
    ).toBe('valid');
  });

  it('G-single-realtime: a stale read after the append completed', () => {
    const result = check(
      history((h) =>
        h
          .txn(0, [['append', 'x', 1]])
          .txn(1, [['r', 'x', []]])
          .txn(2, [['r', 'x', [1]]]),
      ),
    );
    expect(typesOf(result)).toEqual(['G-single-realtime×1']);
    expect(firstExplanation(result, 'G-single-realtime')).toEqual([
      'T1 < T2, because T1 completed (line 2) before T2 was invoked (line 3)',
      'T2 < T1, because T2 read key "x" = [], which did not yet include T1\'s append of 1',
    ]);
  });

  it('G0-realtime and G1c-process', () => {
    const writeCycle = check(
      history((h) =>
        h
          .txn(0, [['append', 'x', 1]])
          .txn(1, [['append', 'x', 2]])
          .txn(2, [['r', 'x', [2, 1]]]),
      ),
    );
    expect(typesOf(writeCycle)).toEqual(['G0-realtime×1']);
    const futureRead = check(
      history((h) => h.txn(0, [['r', 'x', [1]]]).txn(0, [['append', 'x', 1]])),
    );
    expect(typesOf(futureRead)).toEqual(['G1c-process×1']);
  });

  it("G-nonadjacent-process: two sessions, each skipping the other's append", () => {
    const result = check(
      history((h) =>
        h
          .invoke(1, [['append', 'a', 1]])
          .invoke(3, [['append', 'b', 1]])
          .complete(1, 'ok')
          .complete(3, 'ok')
          .invoke(1, [['r', 'b', []]])
          .invoke(3, [['r', 'a', []]])
          .complete(1, 'ok')
          .complete(3, 'ok')
          .txn(5, [
            ['r', 'a', [1]],
            ['r', 'b', [1]],
          ]),
      ),
      { realtimeEdges: false },
    );
    expect(typesOf(result)).toEqual(['G-nonadjacent-process×1']);
  });
});

describe('the rw-register workload', () => {
  const register = (events: TxnEvent[]): TxnCheckResult =>
    checkTransactions(events, { workload: 'rw-register' });

  it('finds a write skew from read-then-write version orders', () => {
    const result = register(
      history((h) =>
        h
          .invoke(0, [
            ['r', 'x', null],
            ['w', 'y', 1],
          ])
          .invoke(1, [
            ['r', 'y', null],
            ['w', 'x', 1],
          ])
          .complete(0, 'ok')
          .complete(1, 'ok'),
      ),
    );
    expect(typesOf(result)).toEqual(['G2-item×1']);
    expect(firstExplanation(result, 'G2-item')).toEqual([
      'T1 < T2, because T1 read key "x" = nil, which T2 overwrote with 1',
      'T2 < T1, because T2 read key "y" = nil, which T1 overwrote with 1',
    ]);
  });

  it('finds aborted and intermediate reads, lost updates and internal inconsistency', () => {
    expect(
      typesOf(register(history((h) => h.txn(0, [['w', 'x', 1]], 'fail').txn(1, [['r', 'x', 1]])))),
    ).toEqual(['G1a×1']);
    expect(
      typesOf(
        register(
          history((h) =>
            h
              .txn(0, [
                ['w', 'x', 1],
                ['w', 'x', 2],
              ])
              .txn(1, [['r', 'x', 1]]),
          ),
        ),
      ),
    ).toEqual(['G1b×1']);
    expect(
      typesOf(
        register(
          history((h) =>
            h.txn(0, [
              ['w', 'x', 1],
              ['r', 'x', 2],
            ]),
          ),
        ),
      ),
    ).toEqual(['internal×1']);
    const lost = register(
      history((h) =>
        h
          .invoke(0, [
            ['r', 'x', null],
            ['w', 'x', 1],
          ])
          .invoke(1, [
            ['r', 'x', null],
            ['w', 'x', 2],
          ])
          .complete(0, 'ok')
          .complete(1, 'ok'),
      ),
    );
    expect(typesOf(lost)).toContain('lost-update×1');
    expect(lost.verdict).toBe('invalid');
  });

  it('accepts a serial history', () => {
    const result = register(
      history((h) =>
        h
          .txn(0, [['w', 'x', 1]])
          .txn(1, [
            ['r', 'x', 1],
            ['w', 'x', 2],
          ])
          .txn(0, [['r', 'x', 2]]),
      ),
    );
    expect(result.verdict).toBe('valid');
    expect(result.anomalies).toEqual([]);
  });
});
