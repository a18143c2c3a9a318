import { addresses } from '../../framework/index.ts';
import {
  CLIENTS_DONE,
  type ExploreSetup,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type Workload,
} from '../../framework/testing.ts';
import { differentKeysAppends, kvWorkload } from '../kvstore/index.ts';
import { referenceImplementation } from './implementation.ts';
import { LEADER_ELECTED, RAFT_INVARIANTS } from './invariants.ts';
import { SEARCH_SNAPSHOT_POLICY } from './tests/kv-setup.ts';

const WORKLOADS: Record<string, { description: string; make: () => Workload }> = {
  'one-append': {
    description: 'each client appends once to a key of its own',
    make: () => differentKeysAppends(1),
  },
  'put-get': {
    description: 'PUT foo=bar, then GET foo (expects bar)',
    make: () => kvWorkload(['PUT:foo:bar', 'GET:foo'], ['PutOk', 'bar']),
  },
};

/**
 * Explore mode for the Raft lab: key-value servers on Raft (snapshots every 2 entries, so that
 * compaction and InstallSnapshot show up in a few steps), with figure 3's invariants.
 */
export const raftExplore: ExploreSetup = {
  servers: { default: 3, min: 1, max: 5 },
  clients: { default: 1, min: 1, max: 3 },
  workloads: Object.entries(WORKLOADS).map(([name, { description }]) => ({ name, description })),
  build({ servers, clients, workload, seed }) {
    const chosen = WORKLOADS[workload];
    if (chosen === undefined) throw new Error(`the Raft lab has no explore workload ${workload}`);
    const serverAddresses = addresses('server', servers);
    const builder = new SystemBuilder(seed);
    for (const server of serverAddresses)
      builder.addNode(
        referenceImplementation.kvServer(server, serverAddresses, SEARCH_SNAPSHOT_POLICY),
      );
    for (const client of addresses('client', clients))
      builder.addClientWorker(
        referenceImplementation.client(client, serverAddresses),
        chosen.make(),
      );
    return {
      model: new SystemModel(builder.build()),
      predicates: [...RAFT_INVARIANTS, RESULTS_OK, LEADER_ELECTED, CLIENTS_DONE],
      description: `${servers} Raft server${servers === 1 ? '' : 's'} and ${clients} client${clients === 1 ? '' : 's'}, ${workload}`,
    };
  },
};
