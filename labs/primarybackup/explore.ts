import { address, addresses } from '../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  type ExploreSetup,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type Workload,
} from '../../framework/testing.ts';
import { differentKeysAppends, kvWorkload, sameKeyAppends } from '../kvstore/index.ts';
import { referenceImplementation } from './implementation.ts';

const WORKLOADS: Record<string, { description: string; make: () => Workload }> = {
  'put-get': {
    description: 'PUT foo=bar, then GET foo (expects bar)',
    make: () => kvWorkload(['PUT:foo:bar', 'GET:foo'], ['PutOk', 'bar']),
  },
  'different-keys': {
    description: 'each client appends twice to a key of its own',
    make: () => differentKeysAppends(2),
  },
  'same-key': {
    description: 'every client appends once to one shared key (checked for linearizability)',
    make: () => sameKeyAppends(1),
  },
};

/**
 * Explore mode for lab 2: the view server, one to three primary-backup servers and a few
 * clients. The first server to ping becomes primary; step the pings and view replies to watch
 * the views change.
 */
export const primaryBackupExplore: ExploreSetup = {
  servers: { default: 2, min: 1, max: 3 },
  clients: { default: 1, min: 1, max: 3 },
  workloads: Object.entries(WORKLOADS).map(([name, { description }]) => ({ name, description })),
  build({ servers, clients, workload, seed }) {
    const chosen = WORKLOADS[workload];
    if (chosen === undefined) throw new Error(`lab 2 has no explore workload ${workload}`);
    const viewServer = address('viewserver');
    const builder = new SystemBuilder(seed).addNode(referenceImplementation.viewServer(viewServer));
    for (const server of addresses('server', servers))
      builder.addNode(referenceImplementation.server(server, viewServer));
    for (const client of addresses('client', clients))
      builder.addClientWorker(referenceImplementation.client(client, viewServer), chosen.make());
    const checks = workload === 'same-key' ? [APPENDS_LINEARIZABLE] : [RESULTS_OK];
    return {
      model: new SystemModel(builder.build()),
      predicates: [...checks, CLIENTS_DONE],
      description: `view server, ${servers} server${servers === 1 ? '' : 's'} and ${clients} client${clients === 1 ? '' : 's'}, ${workload}`,
    };
  },
};
