import { address, addresses } from '../../framework/index.ts';
import {
  checkClientsDone,
  checkResultsLinearizable,
  runWithFaults,
  type SwarmScenario,
} from '../../framework/testing.ts';
import { kvSpec } from '../../framework/check/index.ts';
import { differentKeysAppends, sameKeyAppends } from '../kvstore/index.ts';
import { referenceImplementation, type ClientServerImplementation } from './implementation.ts';

const SERVER = address('server');
/** Simulated time the clients get to finish once the faults are over. */
const FINISH_MS = 60_000;

/**
 * Lab 1 under a swarm seed's faults: the profile's clients append to one shared key or to
 * keys of their own over its network, each partition window cutting one client (or the
 * server) off; then the network heals and every client must finish, with a history that is
 * linearizable. Crashes are left out: lab 1's server keeps nothing across a restart, which
 * its protocol does not claim to survive.
 */
export function clientServerSwarm(
  implementation: ClientServerImplementation = referenceImplementation,
): SwarmScenario {
  return {
    description: 'clients append through partitions and a lossy network; results linearizable',
    run(context, profile) {
      const simulation = context.simulation(profile.network);
      simulation.addNode(SERVER, () => implementation.server(SERVER));
      const clients = addresses('client', profile.clients);
      const workload =
        profile.workload === 'same key'
          ? sameKeyAppends(profile.commandsPerClient)
          : differentKeysAppends(profile.commandsPerClient);
      for (const client of clients)
        simulation.addClientWorker(client, () => implementation.client(client, SERVER), workload);
      runWithFaults(simulation, profile, { partitionable: [SERVER, ...clients], crashable: [] });
      simulation.runUntilClientsDone(FINISH_MS);
      checkClientsDone(simulation);
      checkResultsLinearizable(simulation, kvSpec());
    },
  };
}
