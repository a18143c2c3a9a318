import { address, addresses } from '../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type Workload,
} from '../../framework/testing.ts';
import type { ExploreSetup } from '../../framework/testing.ts';
import { differentKeysAppends, kvWorkload, sameKeyAppends } from '../kvstore/index.ts';
import { referenceImplementation } from './implementation.ts';

const WORKLOADS: Record<string, () => Workload> = {
  'put-append-get': () =>
    kvWorkload(['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'], ['PutOk', 'barbaz', 'barbaz']),
  'different-keys': () => differentKeysAppends(2),
  'same-key': () => sameKeyAppends(2),
};

/** Explore mode for lab 1: the exactly-once key-value server and a few clients. */
export const clientServerExplore: ExploreSetup = {
  servers: { default: 1, min: 1, max: 1 },
  clients: { default: 1, min: 1, max: 3 },
  workloads: [
    { name: 'put-append-get', description: 'PUT foo=bar, APPEND baz, GET foo (expects barbaz)' },
    { name: 'different-keys', description: 'each client appends twice to a key of its own' },
    {
      name: 'same-key',
      description: 'every client appends twice to one shared key (checked for linearizability)',
    },
  ],
  build({ clients, workload, seed }) {
    const server = address('server');
    const builder = new SystemBuilder(seed).addNode(referenceImplementation.server(server));
    const make = WORKLOADS[workload];
    if (make === undefined) throw new Error(`lab 1 has no explore workload ${workload}`);
    for (const client of addresses('client', clients))
      builder.addClientWorker(referenceImplementation.client(client, server), make());
    const predicates =
      workload === 'same-key'
        ? [RESULTS_OK, APPENDS_LINEARIZABLE, CLIENTS_DONE]
        : [RESULTS_OK, CLIENTS_DONE];
    return {
      model: new SystemModel(builder.build()),
      predicates,
      description: `key-value server and ${clients} client${clients === 1 ? '' : 's'}, ${workload}`,
    };
  },
};
