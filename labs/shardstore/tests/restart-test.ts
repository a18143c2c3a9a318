import {
  checkClientsDone,
  checkResultsLinearizable,
  checkResultsOk,
  labTest,
  type LabTest,
  scriptedWorkload,
} from '../../../framework/testing.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import { differentKeysAppends } from '../../kvstore/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { constantMoves, sharedKeysWorkload } from './fault-tests.ts';
import { addAdmin, addStoreClients, joinedStore } from './setup.ts';

const PERIODS = 10;
/** Each period: a Move is sent and a server of each group crashes; it restarts halfway. */
const PERIOD_MS = 4_000;

/**
 * Beyond DSLabs's part 2 (its lab 3 has it): servers crash and restart with what they
 * persisted. Every 4 s, for 40 s, a Move is sent and one server of each group (each server in
 * turn) crashes, to restart 2 s later; five clients append to and read five shared keys
 * throughout, and the whole history must be linearizable (a command executed twice, or lost,
 * shows). Then each group's second server stops: the two left, both restarted, must carry
 * fresh clients to the end on their own — a restarted server has rejoined its group.
 */
export function restartTest(implementation: ShardStoreImplementation): LabTest {
  return labTest({
    part: 2,
    number: 19,
    points: 10,
    kind: 'run',
    description:
      'Crash and restart: a server of each group crashes and restarts every 4 s under constant movement; linearizable, then the restarted servers carry the groups',
    run: (context) => {
      const run = joinedStore(context, implementation, 3);
      const clients = addStoreClients(run, implementation, 5, sharedKeysWorkload());
      const groups = [...run.groups.values()];
      constantMoves(run, PERIODS).forEach((command, period) => {
        addAdmin(run, scriptedWorkload([command]), `mover${period + 1}`);
        const index = period % 3;
        const crashed = groups.flatMap((servers) => servers.slice(index, index + 1));
        for (const server of crashed) run.simulation.stopNode(server);
        run.simulation.runFor(PERIOD_MS / 2);
        for (const server of crashed) run.simulation.restartNode(server);
        run.simulation.runFor(PERIOD_MS / 2);
      });
      checkResultsLinearizable(run.simulation, kvSpec(), { clients });
      for (const client of clients) run.simulation.removeNode(client);
      for (const server of groups.flatMap((servers) => servers.slice(1, 2)))
        run.simulation.stopNode(server);
      addStoreClients(run, implementation, 5, differentKeysAppends(10), 'after');
      run.simulation.runUntilClientsDone(20_000);
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
    },
  });
}
