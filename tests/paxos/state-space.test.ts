import { describe, expect, it } from 'vitest';
import { addresses } from '../../framework/index.ts';
import {
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type SystemSearchSettings,
} from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { kvWorkload } from '../../labs/kvstore/index.ts';
import { referenceImplementation } from '../../labs/paxos/implementation.ts';
import { PAXOS_INVARIANTS } from '../../labs/paxos/invariants.ts';
import type { PaxosVariant } from '../../labs/paxos/variant.ts';

const SERVERS = addresses('server', 3);
const CLIENT = addresses('client', 1)[0]!;

/** 3 servers and one client running the first `commands` of put, append, get; timers off. */
function model(
  variant: PaxosVariant,
  commands: number,
  settings: SystemSearchSettings,
): SystemModel {
  const builder = new SystemBuilder(1);
  for (const server of SERVERS)
    builder.addNode(referenceImplementation.server(server, SERVERS, variant));
  const workload = kvWorkload(
    ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'].slice(0, commands),
    ['PutOk', 'barbaz', 'barbaz'].slice(0, commands),
  );
  builder.addClientWorker(referenceImplementation.client(CLIENT, SERVERS), workload);
  return new SystemModel(builder.build(), { deliverTimers: false, ...settings });
}

// Every state until the client is done, with the log invariants checked in each. A change
// in these counts is a change in the protocol's behaviour: explain it before updating them.
describe('lab 3 state spaces, timers off', () => {
  it.each([
    ['optimized', 1, 'every server', 11],
    ['optimized', 2, 'every server', 86],
    ['optimized', 3, 'every server', 746],
    ['optimized', 3, 'a majority with the leader', 26],
    ['basic', 1, 'every server', 1232],
    ['basic', 2, 'a majority with the leader', 232],
    ['basic', 3, 'a majority with the leader', 1880],
  ] as const)('%s, %i commands, %s: %i states', (variant, commands, reach, states) => {
    const settings: SystemSearchSettings =
      reach === 'every server' ? {} : { partition: [[SERVERS[0]!, SERVERS[1]!, CLIENT]] };
    const result = breadthFirstSearch(model(variant, commands, settings), [
      ...PAXOS_INVARIANTS,
      RESULTS_OK,
      CLIENTS_DONE_PRUNE,
    ]);
    expect(result.outcome).toBe('space exhausted');
    expect(result.uniqueStates).toBe(states);
  });
});
