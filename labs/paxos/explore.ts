import { addresses } from '../../framework/index.ts';
import {
  CLIENTS_DONE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type Workload,
} from '../../framework/testing.ts';
import type { ExploreSetup } from '../../framework/testing.ts';
import { differentKeysAppends, kvWorkload } from '../kvstore/index.ts';
import { referenceImplementation } from './implementation.ts';
import { PAXOS_INVARIANTS, SOME_SLOT_CHOSEN } from './invariants.ts';
import { paxosVariant } from './variant.ts';

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
 * Explore mode for lab 3, on either variant (`tslabs viz --lab 3 --variant basic`): the
 * workloads are the same on both.
 */
export const paxosExplore: ExploreSetup = {
  servers: { default: 3, min: 1, max: 5 },
  clients: { default: 1, min: 1, max: 3 },
  workloads: Object.entries(WORKLOADS).map(([name, { description }]) => ({ name, description })),
  build({ variant: variantName, servers, clients, workload, seed }) {
    const variant = paxosVariant(variantName);
    const chosen = WORKLOADS[workload];
    if (chosen === undefined) throw new Error(`lab 3 has no explore workload ${workload}`);
    const serverAddresses = addresses('server', servers);
    const builder = new SystemBuilder(seed);
    for (const server of serverAddresses)
      builder.addNode(referenceImplementation.server(server, serverAddresses, variant));
    for (const client of addresses('client', clients))
      builder.addClientWorker(
        referenceImplementation.client(client, serverAddresses),
        chosen.make(),
      );
    return {
      model: new SystemModel(builder.build()),
      predicates: [...PAXOS_INVARIANTS, RESULTS_OK, SOME_SLOT_CHOSEN, CLIENTS_DONE],
      description: `${servers} Paxos server${servers === 1 ? '' : 's'} (${variant}) and ${clients} client${clients === 1 ? '' : 's'}, ${workload}`,
    };
  },
};
