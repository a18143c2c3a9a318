import { address, addresses } from '../../framework/index.ts';
import {
  CLIENTS_DONE,
  RESULTS_OK,
  scriptedWorkload,
  SystemBuilder,
  SystemModel,
} from '../../framework/testing.ts';
import type { ExploreSetup } from '../../framework/testing.ts';
import { ping, pong } from './ping-application.ts';
import { PingClient } from './ping-client.ts';
import { PingServer } from './ping-server.ts';

const PINGS: Record<string, number> = { 'one-ping': 1, 'two-pings': 2, 'three-pings': 3 };

/** Explore mode for lab 0: one ping server and a few clients, each pinging a few times. */
export const pingPongExplore: ExploreSetup = {
  servers: { default: 1, min: 1, max: 1 },
  clients: { default: 1, min: 1, max: 4 },
  workloads: [
    { name: 'two-pings', description: 'each client pings twice, one ping at a time' },
    { name: 'one-ping', description: 'each client pings once' },
    { name: 'three-pings', description: 'each client pings three times' },
  ],
  build({ clients, workload, seed }) {
    const server = address('pingserver');
    const values = Array.from(
      { length: PINGS[workload] ?? 2 },
      (_, index) => `ping-%a-${index + 1}`,
    );
    const builder = new SystemBuilder(seed).addNode(new PingServer(server));
    for (const client of addresses('client', clients))
      builder.addClientWorker(
        new PingClient(client, server),
        scriptedWorkload(values.map(ping), values.map(pong)),
      );
    return {
      model: new SystemModel(builder.build()),
      predicates: [RESULTS_OK, CLIENTS_DONE],
      description: `ping server and ${clients} client${clients === 1 ? '' : 's'}, ${workload}`,
    };
  },
};
