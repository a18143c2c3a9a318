import { describe, expect, it } from 'vitest';
import type { MicroOperation } from '../../../framework/check/index.ts';
import { address } from '../../../framework/index.ts';
import type { HistoryEvent } from '../../../framework/testing.ts';
import {
  CheckFailure,
  checkTransactionsConsistent,
  type Simulation,
  transactionsConsistent,
  transactionsConsistentProblem,
  type TxnRecorder,
} from '../../../framework/testing.ts';
import type { SystemState } from '../../../framework/testing.ts';

/** A synthetic lab command: a transaction of micro-operations, or something else. */
type Command = { kind: 'Txn'; operations: MicroOperation[] } | { kind: 'Ping' };
type Result = { kind: 'TxnOk'; operations: MicroOperation[] } | { kind: 'Aborted' } | 'pong';

const recorder: TxnRecorder<Command, Result> = {
  invocation: (command) => (command.kind === 'Txn' ? command.operations : undefined),
  completion: (_command, result) =>
    typeof result === 'object' && result.kind === 'TxnOk' ? result.operations : 'fail',
};

const append = (key: string, value: number): MicroOperation => ({ f: 'append', key, value });
const read = (key: string, value: number[] | null = null): MicroOperation => ({
  f: 'r',
  key,
  value,
});

/** A client history: each call is invoked at `at` and answered at `until`. */
function history(
  calls: { client: string; at: number; until?: number; command: Command; result?: Result }[],
): HistoryEvent[] {
  const indexes = new Map<string, number>();
  const events: HistoryEvent[] = [];
  for (const call of calls) {
    const index = indexes.get(call.client) ?? 0;
    indexes.set(call.client, index + 1);
    const base = { client: address(call.client), index };
    events.push({ ...base, type: 'invoke', value: call.command, timeMicros: call.at });
    if (call.until !== undefined)
      events.push({ ...base, type: 'return', value: call.result, timeMicros: call.until });
  }
  return events.sort((a, b) => a.timeMicros - b.timeMicros);
}

const txn = (...operations: MicroOperation[]): Command => ({ kind: 'Txn', operations });
const ok = (...operations: MicroOperation[]): Result => ({ kind: 'TxnOk', operations });

// Two concurrent transactions each read the key the other appends to, before the append
// (a later read shows both appends, which orders them): write skew, a G2-item cycle.
const WRITE_SKEW = history([
  {
    client: 'c1',
    at: 1,
    until: 4,
    command: txn(read('x'), append('y', 1)),
    result: ok(read('x', []), append('y', 1)),
  },
  {
    client: 'c2',
    at: 2,
    until: 3,
    command: txn(read('y'), append('x', 1)),
    result: ok(read('y', []), append('x', 1)),
  },
  {
    client: 'c3',
    at: 5,
    until: 6,
    command: txn(read('x'), read('y')),
    result: ok(read('x', [1]), read('y', [1])),
  },
]);

// T1 reads T2's append and T2 reads T1's: circular information flow.
const CIRCULAR = history([
  {
    client: 'c1',
    at: 1,
    until: 4,
    command: txn(append('x', 1), read('y')),
    result: ok(append('x', 1), read('y', [1])),
  },
  {
    client: 'c2',
    at: 2,
    until: 3,
    command: txn(append('y', 1), read('x')),
    result: ok(append('y', 1), read('x', [1])),
  },
]);

// A transaction that aborted, yet its append was read: what applying writes at prepare does.
const ABORTED_READ = history([
  { client: 'c1', at: 1, until: 2, command: txn(append('x', 1)), result: { kind: 'Aborted' } },
  { client: 'c2', at: 3, until: 4, command: txn(read('x')), result: ok(read('x', [1])) },
]);

const SERIAL = history([
  {
    client: 'c1',
    at: 1,
    until: 2,
    command: txn(append('x', 1), read('y')),
    result: ok(append('x', 1), read('y', [])),
  },
  { client: 'c2', at: 3, until: 4, command: { kind: 'Ping' }, result: 'pong' },
  {
    client: 'c2',
    at: 5,
    until: 6,
    command: txn(read('x'), append('y', 1)),
    result: ok(read('x', [1]), append('y', 1)),
  },
  { client: 'c1', at: 7, command: txn(append('x', 2)) },
]);

const options = { workload: 'list-append', recorder } as const;

describe('transactionsConsistentProblem: a lab history read as list-append transactions', () => {
  it('passes a serial history, with a command that is no transaction and one still open', () => {
    expect(
      transactionsConsistentProblem(SERIAL, { ...options, forbidden: ['G0', 'G1', 'G2'] }),
    ).toBeUndefined();
    expect(
      transactionsConsistentProblem(SERIAL, { ...options, model: 'strict-serializable' }),
    ).toBeUndefined();
  });

  it('names a forbidden write skew and explains its cycle', () => {
    const problem = transactionsConsistentProblem(WRITE_SKEW, { ...options, forbidden: ['G2'] });
    expect(problem).toContain('G2-item (1 found):');
    expect(problem).toContain(
      'T1 < T2, because T1 read key "x" = [], which did not yet include T2\'s append of 1',
    );
  });

  it('passes what the forbidden set allows: a write skew when only G0 and G1 are forbidden', () => {
    expect(
      transactionsConsistentProblem(WRITE_SKEW, { ...options, forbidden: ['G0', 'G1'] }),
    ).toBeUndefined();
  });

  it('finds circular information flow as G1c, and an aborted read as G1a', () => {
    expect(transactionsConsistentProblem(CIRCULAR, { ...options, forbidden: ['G1c'] })).toContain(
      'G1c (1 found):',
    );
    const aborted = transactionsConsistentProblem(ABORTED_READ, { ...options, forbidden: ['G1'] });
    expect(aborted).toContain('G1a (1 found):');
    expect(aborted).toContain('appended by T1, which failed');
  });

  it('forbids by default what serializability forbids', () => {
    expect(transactionsConsistentProblem(WRITE_SKEW, options)).toContain('G2-item');
  });

  it('says so when the budget cannot rule the forbidden cycles out', () => {
    expect(
      transactionsConsistentProblem(WRITE_SKEW, {
        ...options,
        forbidden: ['G2-item'],
        stepsMax: 1,
      }),
    ).toMatch(/could not rule out G2-item.* within \d+ steps/);
  });
});

describe('checkTransactionsConsistent and transactionsConsistent', () => {
  it('throws a CheckFailure with the problem text', () => {
    const simulation = { history: CIRCULAR } as unknown as Simulation;
    expect(() =>
      checkTransactionsConsistent(simulation, { ...options, forbidden: ['G1c'] }),
    ).toThrow(CheckFailure);
    expect(() =>
      checkTransactionsConsistent({ history: SERIAL } as unknown as Simulation, options),
    ).not.toThrow();
  });

  it('judges a search state by its data dependencies only', () => {
    const worker = (address: string, commands: Command[], results: Result[]) => ({
      address,
      results,
      pendingCommand: commands[results.length],
      commandAt: (index: number) => commands[index],
    });
    const state = (workers: ReturnType<typeof worker>[]) =>
      ({ clientWorkers: () => workers }) as unknown as SystemState;
    const predicate = transactionsConsistent({ ...options, forbidden: ['G1c'] });
    const circular = [
      worker('c1', [txn(append('x', 1), read('y'))], [ok(append('x', 1), read('y', [1]))]),
      worker('c2', [txn(append('y', 1), read('x'))], [ok(append('y', 1), read('x', [1]))]),
    ];
    expect(predicate.test(state(circular))).toContain('G1c');
    const serial = [worker('c1', [txn(append('x', 1)), txn(read('x'))], [ok(append('x', 1))])];
    expect(predicate.test(state(serial))).toBe(true);
  });
});
