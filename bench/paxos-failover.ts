// Lab 3 failover: 5 servers on 1 ms links with a 50 µs service time per message, 10 clients
// appending forever. After 1 simulated second (plus a seeded offset of up to one heartbeat
// interval, so the crash falls at every phase of the heartbeat) the leader crashes. The
// figure is the time from the crash until the next command commits: until a surviving
// server replies to a command it executed (its commit point passed the command). Over
// 100 seeds, for each variant; the goal is under one simulated second in every seed.
// Run: node bin/run-ts.js bench/paxos-failover.ts [SEEDS]   (default 100)
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../framework/testing.ts';
import { HEARTBEAT_MILLIS } from '../labs/paxos/timers.ts';
import type { PaxosVariant } from '../labs/paxos/variant.ts';
import { column, quantile, startCluster } from './paxos-cluster.ts';

const SERVERS = 5;
const CLIENTS = 10;
const WARM_UP_MS = 1_000;
/** Give up on a seed after this long without a commit (it then counts as this long). */
const WAIT_LIMIT_MS = 10_000;
const seeds = Number(process.argv[2] ?? 100);

/** Milliseconds from the leader's crash to the next commit, for one seed. */
function failover(variant: PaxosVariant, seed: number): number {
  const { simulation, servers, observed } = startCluster(variant, SERVERS, CLIENTS, seed);
  const leader = servers[0];
  if (leader === undefined) throw new Error('no servers');
  simulation.runFor(
    WARM_UP_MS + seededRandom(seed, 'crash').integer(0, HEARTBEAT_MILLIS * 1000 - 1) / 1000,
  );
  if (observed.elections.length > 0)
    throw new Error(`seed ${seed}: an election before the crash; ${leader} may not lead`);
  const crashMicros = simulation.nowMs * 1000;
  simulation.stopNode(leader);
  const seen = observed.agreements.length;
  const committed = (): boolean => observed.agreements.length > seen;
  simulation.runUntilTrue(committed, WAIT_LIMIT_MS);
  const first = observed.agreements[seen];
  return first === undefined ? WAIT_LIMIT_MS : (first.replyMicros - crashMicros) / 1000;
}

const start = performance.now();
console.log(
  `${SERVERS} servers, ${CLIENTS} clients; the leader crashes after ${WARM_UP_MS / 1000} s; ${seeds} seeds`,
);
console.log('');
console.log(
  '| variant | min (ms) | median (ms) | p90 (ms) | p99 (ms) | max (ms) | seeds under 1 s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const variant of ['basic', 'optimized'] as const) {
  const times: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) times.push(failover(variant, seed));
  const under = times.filter((time) => time < 1_000).length;
  console.log(
    `| ${variant} | ${column(Math.min(...times), 1, 6)} | ${column(quantile(times, 0.5), 1, 6)} | ${column(quantile(times, 0.9), 1, 6)} | ` +
      `${column(quantile(times, 0.99), 1, 6)} | ${column(Math.max(...times), 1, 6)} | ${under}/${seeds} |`,
  );
}
console.log('');
console.log(`wall time ${((performance.now() - start) / 1000).toFixed(1)} s`);
