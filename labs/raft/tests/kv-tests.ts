import { type Address, addresses } from '../../../framework/index.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import {
  checkClientsDone,
  checkResultsLinearizable,
  checkResultsOk,
  type LabTest,
  labTest,
  type NetworkSettings,
  type Simulation,
  type TestContext,
} from '../../../framework/testing.ts';
import { differentKeysAppends, sameKeyAppends } from '../../kvstore/index.ts';
import type { RaftImplementation } from '../implementation.ts';
import type { RaftServerNode } from '../raft-inspection.ts';
import { KV_SNAPSHOT_POLICY } from '../raft-server.ts';

/** 80% delivery, and 20% of delivered messages delivered twice (lab 3's unreliable network). */
const UNRELIABLE: Partial<NetworkSettings> = { deliveryRate: 0.8, duplicateRate: 0.2 };

interface KVRun {
  readonly simulation: Simulation;
  readonly servers: readonly Address[];
}

function startKV(
  context: TestContext,
  implementation: RaftImplementation,
  serverCount: number,
  network: Partial<NetworkSettings>,
): KVRun {
  const simulation = context.simulation(network);
  const servers = addresses('server', serverCount);
  for (const server of servers)
    simulation.addNode(server, () => implementation.kvServer(server, servers, KV_SNAPSHOT_POLICY));
  return { simulation, servers };
}

function addKVClients(
  run: KVRun,
  implementation: RaftImplementation,
  count: number,
  workload: Parameters<Simulation['addClientWorker']>[2],
): void {
  for (const client of addresses('client', count))
    run.simulation.addClientWorker(
      client,
      () => implementation.client(client, run.servers),
      workload,
    );
}

function finish(run: KVRun, limitMs: number): void {
  run.simulation.runUntilClientsDone(limitMs);
  checkClientsDone(run.simulation);
  checkResultsOk(run.simulation);
}

/** The server that leads the highest term, if any. */
function currentLeader(run: KVRun): Address | undefined {
  let best: RaftServerNode | undefined = undefined;
  for (const server of run.servers) {
    if (!run.simulation.isActive(server)) continue;
    const node = run.simulation.node<RaftServerNode>(server);
    if (node.role() === 'leader' && (best === undefined || node.term() > best.term())) best = node;
  }
  return best?.address;
}

/** Part 5: the key-value store replicated on Raft, as lab 3 tests it on Paxos. */
export function kvTests(implementation: RaftImplementation): LabTest[] {
  return [
    labTest({
      part: 5,
      number: 1,
      points: 5,
      kind: 'run',
      description:
        'Key-value store on 5 servers: 5 clients append 250 times each (snapshots every 100 entries), exact results',
      run: (context) => {
        const run = startKV(context, implementation, 5, {});
        addKVClients(run, implementation, 5, differentKeysAppends(250));
        finish(run, 60_000);
      },
    }),
    labTest({
      part: 5,
      number: 2,
      points: 5,
      kind: 'run',
      description:
        'Key-value store at 80% delivery with duplicates: 5 clients append 50 times each, exact results',
      run: (context) => {
        const run = startKV(context, implementation, 5, UNRELIABLE);
        addKVClients(run, implementation, 5, differentKeysAppends(50));
        finish(run, 60_000);
      },
    }),
    labTest({
      part: 5,
      number: 3,
      points: 5,
      kind: 'run',
      description:
        '25 clients append to one key while the leader crashes and restarts every second: the history is linearizable',
      run: (context) => {
        const run = startKV(context, implementation, 5, {});
        addKVClients(run, implementation, 25, sameKeyAppends(8));
        for (let round = 0; round < 20 && !run.simulation.clientsDone(); round++) {
          run.simulation.runFor(1000);
          const leader = currentLeader(run);
          if (leader === undefined) continue;
          run.simulation.stopNode(leader);
          run.simulation.runFor(300);
          run.simulation.restartNode(leader);
        }
        finish(run, 30_000);
        checkResultsLinearizable(run.simulation, kvSpec());
      },
    }),
  ];
}
