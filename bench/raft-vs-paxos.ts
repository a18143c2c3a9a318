// Raft against optimized Multi-Paxos on the same workloads, with the same clients (lab 3's),
// the same network (1 ms links) and the same service-time model as the Paxos benchmarks (each
// node handles one message or timer at a time, 50 µs each, so a busy leader saturates).
//
// - Saturation: 5 servers, 20 clients appending forever; over the 2 simulated seconds after a
//   1 s warm-up: commands completed per simulated second, median and p99 latency, and messages
//   sent per completed command (every message of servers and clients).
// - Failover: 5 servers, 10 clients; the leader crashes after 1 s plus a seeded offset of up to
//   one heartbeat interval; the time from the crash until a surviving server next replies to a
//   command, over SEEDS seeds (default 100), against the goal of under 1 simulated second.
//
// Raft does not compact here: appends forever grow every value, and a snapshot of the store every
// 100 entries (copied, and sent to followers that fall behind) costs more CPU than the protocol.
//
// Run: node bin/run-ts.js bench/raft-vs-paxos.ts [SEEDS]
import { type Address, addresses, type Node } from '../framework/index.ts';
import { seededRandom, Simulation, type SimulationEvent } from '../framework/testing.ts';
import { infiniteAppends } from '../labs/kvstore/index.ts';
import { replicatedKVStore } from '../labs/paxos/implementation.ts';
import { PaxosClient } from '../labs/paxos/paxos-client.ts';
import { PaxosServer } from '../labs/paxos/paxos-server.ts';
import type { ConsensusProtocol } from '../labs/paxos/replicated-log.ts';
import { HEARTBEAT_MILLIS } from '../labs/paxos/timers.ts';
import { RaftReplica } from '../labs/raft/raft-replica.ts';
import { column, latenciesMs, LINK_MS, quantile, SERVICE_TIME_MS } from './paxos-cluster.ts';

const SERVERS = 5;
const SATURATION_CLIENTS = 20;
const FAILOVER_CLIENTS = 10;
const WARM_UP_MS = 1_000;
const WINDOW_MS = 2_000;
/** Give up on a seed after this long without a reply (it then counts as this long). */
const WAIT_LIMIT_MS = 10_000;
const seeds = Number(process.argv[2] ?? 100);

interface Run {
  readonly simulation: Simulation;
  readonly servers: readonly Address[];
  /** Messages sent so far, and the time of each server's replies to clients. */
  readonly observed: { sent: number; replies: { from: Address; micros: number }[] };
}

function server(protocol: ConsensusProtocol, address: Address, servers: readonly Address[]): Node {
  return protocol === 'raft'
    ? new RaftReplica(address, servers, replicatedKVStore(), null)
    : new PaxosServer(address, servers, 'optimized', replicatedKVStore());
}

function start(protocol: ConsensusProtocol, clients: number, seed: number): Run {
  const observed: Run['observed'] = { sent: 0, replies: [] };
  const simulation = new Simulation({
    seed,
    network: { latencyMsMin: LINK_MS, latencyMsMax: LINK_MS },
    serviceTimeMs: SERVICE_TIME_MS,
    onEvent: (event: SimulationEvent) => {
      if (event.type !== 'send') return;
      observed.sent++;
      if (event.message.kind === 'PaxosReply')
        observed.replies.push({ from: event.from, micros: event.timeMicros });
    },
  });
  const servers = addresses('server', SERVERS);
  for (const address of servers)
    simulation.addNode(address, () => server(protocol, address, servers));
  for (const client of addresses('client', clients))
    simulation.addClientWorker(client, () => new PaxosClient(client, servers), infiniteAppends());
  return { simulation, servers, observed };
}

/** The server that leads now: Paxos's role, or Raft's. */
function leaderOf(run: Run): Address | undefined {
  return run.servers.find((address) => {
    const node = run.simulation.node(address) as unknown as {
      role: { kind: string } | (() => string);
    };
    const role = typeof node.role === 'function' ? node.role() : node.role.kind;
    return run.simulation.isActive(address) && role === 'leader';
  });
}

function saturation(protocol: ConsensusProtocol): string {
  const run = start(protocol, SATURATION_CLIENTS, 1);
  run.simulation.runFor(WARM_UP_MS);
  const fromMicros = run.simulation.nowMs * 1000;
  const sentBefore = run.observed.sent;
  run.simulation.runFor(WINDOW_MS);
  const latencies = latenciesMs(run.simulation.history, fromMicros, run.simulation.nowMs * 1000);
  const perSecond = latencies.length / (WINDOW_MS / 1000);
  const messages = (run.observed.sent - sentBefore) / latencies.length;
  return (
    `| ${protocol} | ${column(perSecond, 0, 7)} | ${column(quantile(latencies, 0.5), 2, 6)} | ` +
    `${column(quantile(latencies, 0.99), 2, 6)} | ${column(messages, 1, 5)} |`
  );
}

function failover(protocol: ConsensusProtocol, seed: number): number {
  const run = start(protocol, FAILOVER_CLIENTS, seed);
  run.simulation.runFor(
    WARM_UP_MS + seededRandom(seed, 'crash').integer(0, HEARTBEAT_MILLIS * 1000 - 1) / 1000,
  );
  const leader = leaderOf(run);
  if (leader === undefined) throw new Error(`${protocol}, seed ${seed}: no leader at the crash`);
  const crashMicros = run.simulation.nowMs * 1000;
  run.simulation.stopNode(leader);
  const seen = run.observed.replies.length;
  const replied = (): boolean => run.observed.replies.slice(seen).some((r) => r.from !== leader);
  run.simulation.runUntilTrue(replied, WAIT_LIMIT_MS);
  const first = run.observed.replies.slice(seen).find((r) => r.from !== leader);
  return first === undefined ? WAIT_LIMIT_MS : (first.micros - crashMicros) / 1000;
}

const cpuStart = process.cpuUsage();
console.log(
  `Saturation: ${SERVERS} servers, ${SATURATION_CLIENTS} clients appending, ${WINDOW_MS / 1000} s after a ${WARM_UP_MS / 1000} s warm-up (seed 1)`,
);
console.log('');
console.log('| protocol | commands/s | median (ms) | p99 (ms) | messages/command |');
console.log('|---|---:|---:|---:|---:|');
for (const protocol of ['paxos', 'raft'] as const) console.log(saturation(protocol));
console.log('');
console.log(
  `Failover: ${SERVERS} servers, ${FAILOVER_CLIENTS} clients; the leader crashes after ${WARM_UP_MS / 1000} s; ${seeds} seeds`,
);
console.log('');
console.log('| protocol | min (ms) | median (ms) | p99 (ms) | max (ms) | seeds under 1 s |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const protocol of ['paxos', 'raft'] as const) {
  const times: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) times.push(failover(protocol, seed));
  const under = times.filter((time) => time < 1_000).length;
  console.log(
    `| ${protocol} | ${column(Math.min(...times), 1, 6)} | ${column(quantile(times, 0.5), 1, 6)} | ` +
      `${column(quantile(times, 0.99), 1, 6)} | ${column(Math.max(...times), 1, 6)} | ${under}/${seeds} |`,
  );
}
const cpu = process.cpuUsage(cpuStart);
console.log('');
console.log(`CPU time ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
