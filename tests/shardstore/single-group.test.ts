import { describe, expect, it } from 'vitest';
import {
  checkClientsDone,
  checkResultsLinearizable,
  checkResultsOk,
  executeTest,
  type LabTest,
  scriptedWorkload,
} from '../../framework/testing.ts';
import {
  checkLinearizability,
  historyFromClientEvents,
  type KVCommand,
  type KVResult,
  kvSpec,
} from '../../framework/check/index.ts';
import { differentKeysAppends, sameKeyAppends } from '../../labs/kvstore/index.ts';
import { UNRELIABLE } from '../../labs/paxos/tests/setup.ts';
import { join } from '../../labs/shardmaster/index.ts';
import { referenceImplementation } from '../../labs/shardstore/implementation.ts';
import { addAdmin, addStoreClients, startStore } from '../../labs/shardstore/tests/setup.ts';

/** Runs a scenario as the lab runner would, at seed `seed`. */
function passes(run: LabTest['run'], seed = 1): boolean {
  const test: LabTest = { number: 0, part: 2, description: '', points: 0, kind: 'run', run };
  const execution = executeTest(test, { seed });
  expect(execution.failure).toBeUndefined();
  return execution.passed;
}

describe('the single-group store', () => {
  it('serves clients that started before any Join: they re-query until the group joins', () => {
    for (const seed of [1, 2, 3])
      expect(
        passes((context) => {
          const run = startStore(context, referenceImplementation, {
            groupIds: [1],
            serversPerGroup: 3,
            shardCount: 10,
          });
          addStoreClients(run, referenceImplementation, 3, differentKeysAppends(5));
          run.simulation.runFor(2_000);
          expect(run.simulation.clientWorkers().every((worker) => worker.completed === 0)).toBe(
            true,
          );
          addAdmin(run, scriptedWorkload([join(1, run.groups.get(1) ?? [])]));
          run.simulation.runUntilClientsDone(10_000);
          checkClientsDone(run.simulation);
          checkResultsOk(run.simulation);
        }, seed),
      ).toBe(true);
  });

  it('stays linearizable at 80% delivery with duplicates, 3 clients appending to one key', () => {
    expect(
      passes((context) => {
        const run = startStore(context, referenceImplementation, {
          groupIds: [1],
          serversPerGroup: 3,
          shardCount: 10,
          network: UNRELIABLE,
        });
        const admin = addAdmin(run, scriptedWorkload([join(1, run.groups.get(1) ?? [])]));
        run.simulation.runFor(1_000);
        addStoreClients(run, referenceImplementation, 3, sameKeyAppends(10));
        run.simulation.runUntilClientsDone(30_000);
        checkClientsDone(run.simulation);
        // The administrator's Join is not a key-value operation: the history checked is the
        // store clients'.
        const history = historyFromClientEvents<KVCommand, KVResult>(
          run.simulation.history.filter((event) => event.client !== admin),
        );
        expect(history.length).toBe(30);
        expect(checkLinearizability(history, kvSpec()).verdict).toBe('linearizable');
        const clients = run.simulation
          .clientWorkers()
          .map((worker) => worker.address)
          .filter((client) => client !== admin);
        checkResultsLinearizable(run.simulation, kvSpec(), { clients });
        expect(() => checkResultsLinearizable(run.simulation, kvSpec())).toThrow();
      }),
    ).toBe(true);
  });
});
