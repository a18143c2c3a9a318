import { address, addresses } from '../../framework/index.ts';
import {
  CheckFailure,
  type LabTest,
  labTest,
  scriptedWorkload,
  type Simulation,
  type Workload,
} from '../../framework/testing.ts';
import { formatExplanation } from '../../framework/check/explanation-text.ts';
import { checkLinearizability } from '../../framework/check/linearizability.ts';
import { registerSpec } from '../../framework/check/register-spec.ts';
import { ping, pong } from '../../labs/pingpong/ping-application.ts';
import { PingClient } from '../../labs/pingpong/ping-client.ts';
import { PingServer } from '../../labs/pingpong/ping-server.ts';

export const PING_SERVER = address('pingserver');

function pings(count: number): Workload {
  const values = Array.from({ length: count }, (_, index) => `p-%a-${index + 1}`);
  return scriptedWorkload(values.map(ping), values.map(pong));
}

function pingSystem(simulation: Simulation, clients: number, count: number): void {
  simulation.addNode(PING_SERVER, () => new PingServer(PING_SERVER));
  for (const client of addresses('client', clients))
    simulation.addClientWorker(client, () => new PingClient(client, PING_SERVER), pings(count));
}

/**
 * Ping-pong through a crash and restart of the server and a partition, on a lossy network with
 * duplicates.
 */
export const crashScenario: LabTest = labTest({
  part: 8,
  number: 1,
  points: 0,
  kind: 'run',
  description: 'ping-pong through a crash, a restart and a partition',
  run(context) {
    const simulation = context.simulation({ deliveryRate: 0.8, duplicateRate: 0.3 });
    pingSystem(simulation, 2, 5);
    simulation.runFor(15);
    simulation.stopNode(PING_SERVER);
    simulation.runFor(30);
    simulation.restartNode(PING_SERVER);
    simulation.runFor(20);
    simulation.partition([PING_SERVER, address('client1')], [address('client2')]);
    simulation.runFor(30);
    simulation.healPartition();
    simulation.runUntilClientsDone(2_000);
  },
});

/** Ping-pong where the server stops hearing client1 for a while, and client3 joins late. */
export const linkScenario: LabTest = {
  number: 3,
  part: 8,
  description: 'ping-pong through a cut link and a client added mid-run',
  points: 0,
  kind: 'run',
  run(context) {
    const simulation = context.simulation();
    pingSystem(simulation, 2, 5);
    simulation.runFor(5);
    simulation.setLinkActive(address('client1'), PING_SERVER, false);
    simulation.runFor(20);
    simulation.setLinkActive(address('client1'), PING_SERVER, true);
    const late = address('client3');
    simulation.addClientWorker(late, () => new PingClient(late, PING_SERVER), pings(2));
    simulation.runUntilClientsDone(2_000);
  },
};

/**
 * A run of about 15 events per ping: five clients each ping `count` times (the visualizer's scale
 * tests).
 */
export function floodScenario(count: number): LabTest {
  return labTest({
    part: 8,
    number: 2,
    points: 0,
    kind: 'run',
    description: `five clients ping ${count.toLocaleString('en-US')} times each`,
    run(context) {
      const simulation = context.simulation();
      pingSystem(simulation, 5, count);
      simulation.runUntilClientsDone(60_000);
    },
  });
}

/**
 * A run whose check fails with the history checker's explanation: one client writes 1 and
 * then reads 0 from a register, which no order of the operations explains.
 */
export const linearizabilityScenario: LabTest = labTest({
  part: 8,
  number: 3,
  points: 0,
  kind: 'run',
  description: 'a stale read, explained by the history checker',
  run(context) {
    const simulation = context.simulation();
    pingSystem(simulation, 1, 2);
    simulation.runUntilClientsDone(1_000);
    const history = [
      {
        process: 'client1',
        callTime: 0,
        returnTime: 1,
        input: { kind: 'Write' as const, value: 1 },
        output: { kind: 'WriteOk' as const },
      },
      {
        process: 'client1',
        callTime: 2,
        returnTime: 3,
        input: { kind: 'Read' as const },
        output: { kind: 'ReadResult' as const, value: 0 },
      },
    ];
    const result = checkLinearizability(history, registerSpec({ initialValue: 0 }));
    if (result.explanation !== undefined)
      throw new CheckFailure(
        `the register history is not linearizable:\n${formatExplanation(result.explanation)}`,
      );
  },
});
