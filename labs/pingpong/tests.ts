import { address, addresses } from '../../framework/index.ts';
import {
  checkClientsDone,
  checkResultsOk,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  expectOutcome,
  type LabTest,
  labTest,
  RESULTS_OK,
  scriptedWorkload,
  type Simulation,
  SystemBuilder,
  SystemModel,
  type Workload,
} from '../../framework/testing.ts';
import { ping, pong } from './ping-application.ts';
import { PingClient } from './ping-client.ts';
import { PingServer } from './ping-server.ts';

const SERVER = address('pingserver');

function pings(count: number): Workload {
  const values = Array.from({ length: count }, (_, index) => `ping-%a-${index + 1}`);
  return scriptedWorkload(values.map(ping), values.map(pong));
}

function setUp(simulation: Simulation, clientCount: number, workload: Workload): void {
  simulation.addNode(SERVER, () => new PingServer(SERVER));
  for (const client of addresses('client', clientCount)) {
    simulation.addClientWorker(client, () => new PingClient(client, SERVER), workload);
  }
}

/** The ping-pong lab's numbered tests. */
export const pingPongTests: readonly LabTest[] = [
  labTest({
    part: 1,
    number: 1,
    points: 5,
    kind: 'run',
    description: 'Single client ping test',
    run(context) {
      const simulation = context.simulation();
      setUp(simulation, 1, pings(10));
      simulation.runUntilClientsDone(2_000);
      checkClientsDone(simulation);
      checkResultsOk(simulation);
    },
  }),
  labTest({
    part: 1,
    number: 2,
    points: 5,
    kind: 'run',
    description: 'Multiple clients can ping simultaneously',
    run(context) {
      const simulation = context.simulation();
      setUp(simulation, 10, pings(10));
      simulation.runUntilClientsDone(2_000);
      checkClientsDone(simulation);
      checkResultsOk(simulation);
    },
  }),
  labTest({
    part: 1,
    number: 3,
    points: 10,
    kind: 'run',
    description: 'Client finishes 100 pings on an unreliable network (50% delivery)',
    run(context) {
      const simulation = context.simulation({ deliveryRate: 0.5 });
      setUp(simulation, 1, pings(100));
      simulation.runUntilClientsDone(20_000);
      checkClientsDone(simulation);
      checkResultsOk(simulation);
    },
  }),
  labTest({
    part: 1,
    number: 4,
    points: 10,
    kind: 'search',
    description: 'Breadth-first search: clients finish, and no state breaks the results',
    run(context) {
      const builder = new SystemBuilder(context.seed).addNode(new PingServer(SERVER));
      for (const client of addresses('client', 2))
        builder.addClientWorker(new PingClient(client, SERVER), pings(2));
      const model = new SystemModel(builder.build());
      const done = context.search({
        description: 'clients done',
        model,
        predicates: [RESULTS_OK, CLIENTS_DONE],
        strategy: 'breadth-first',
      });
      expectOutcome(done, 'goal found');
      const all = context.search({
        description: 'everything until clients are done',
        model,
        predicates: [RESULTS_OK, CLIENTS_DONE_PRUNE],
        strategy: 'breadth-first',
      });
      expectOutcome(all, 'space exhausted');
    },
  }),
];
