// Throughput and latency of the sharded store: 1 group versus 3 groups on the same uniform
// workload (200 clients appending forever to keys of their own, spread over the 10 shards:
// enough to saturate every group's leader), then the skewed workload of test 2.18 (80% of
// the clients on 2 of group 1's shards), ten times as many clients so that group 1
// saturates, on 3 groups without and with the balancer. Groups of three servers on 1 ms
// links, 50 µs of service time per message and timer at every node (as the Paxos
// benchmarks). Figures are over simulated time: commands completed per simulated second, and
// the commands each group executed (its leader's replies to clients) in the window.
// Run: node bin/run-ts.js bench/shard-throughput.ts [SEEDS]   (default 3)
import { rootAddress } from '../framework/index.ts';
import type { SimulationEvent } from '../framework/testing.ts';
import { infiniteAppends } from '../labs/kvstore/index.ts';
import { referenceImplementation } from '../labs/shardstore/implementation.ts';
import type { ShardStoreReply } from '../labs/shardstore/messages.ts';
import type { ShardBalancer } from '../labs/shardstore/shard-balancer.ts';
import { addBalancer, addSkewedClients } from '../labs/shardstore/tests/rebalancing-test.ts';
import { addStoreClients, type StoreRun } from '../labs/shardstore/tests/setup.ts';
import { column, latenciesMs, quantile } from './paxos-cluster.ts';
import { joinedCluster } from './shard-cluster.ts';

const UNIFORM_CLIENTS = 200;
/** Ten times test 2.18's clients: 80 on the two hot shards, 20 everywhere. */
const SKEW_SCALE = 10;
const WARM_UP_MS = 1_000;
const WINDOW_MS = 3_000;
const REBALANCE_MS = 12_000;
const HOT_SHARE = 0.8;
const seeds = Number(process.argv[2] ?? 3);

/**
 * Commands each group executed, counted from the replies its servers delivered to clients
 * (a group's leader answers each command it executes once; `WrongGroup` answers are not
 * executions). The simulation's `afterEvent` sees deliveries and timers, not sends: sends
 * go to `onEvent` only, which is why counting sends there found nothing.
 */
function executionCounter(): {
  readonly counts: Map<string, number>;
  readonly watch: (event: SimulationEvent) => void;
} {
  const counts = new Map<string, number>();
  return {
    counts,
    watch: (event) => {
      if (event.type !== 'deliver' || event.message.kind !== 'PaxosReply') return;
      const from = rootAddress(event.from);
      if (!from.startsWith('server') || rootAddress(event.to).startsWith('server')) return;
      if ((event.message as ShardStoreReply).result.result.kind === 'WrongGroup') return;
      const group = from.slice('server'.length).split('-')[0] ?? '';
      counts.set(group, (counts.get(group) ?? 0) + 1);
    },
  };
}

interface Window {
  readonly throughput: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  /** Commands executed per second by each group (group 1 first). */
  readonly perGroup: readonly number[];
  /** The busiest group's executed commands over the idlest's. */
  readonly maxOverMin: number;
}

/** Runs `run` for a window and measures it. */
function measure(run: StoreRun, counts: Map<string, number>, groupCount: number): Window {
  const before = new Map(counts);
  const from = run.simulation.nowMs * 1000;
  run.simulation.runFor(WINDOW_MS);
  const to = run.simulation.nowMs * 1000;
  const latencies = latenciesMs(run.simulation.history, from, to);
  const perGroup = Array.from({ length: groupCount }, (_, index) => {
    const group = String(index + 1);
    return (counts.get(group) ?? 0) - (before.get(group) ?? 0);
  });
  return {
    throughput: latencies.length / (WINDOW_MS / 1000),
    perGroup: perGroup.map((count) => count / (WINDOW_MS / 1000)),
    medianMs: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxOverMin: Math.max(...perGroup) / Math.max(1, Math.min(...perGroup)),
  };
}

function uniform(groupCount: number, seed: number): Window {
  const { counts, watch } = executionCounter();
  const run = joinedCluster(groupCount, seed, watch);
  addStoreClients(run, referenceImplementation, UNIFORM_CLIENTS, infiniteAppends());
  run.simulation.runFor(WARM_UP_MS);
  return measure(run, counts, groupCount);
}

/** The skewed workload: the window before any Move, and the window after 12 s. */
function skewed(balanced: boolean, seed: number): { before: Window; after: Window; moves: number } {
  const { counts, watch } = executionCounter();
  const run = joinedCluster(3, seed, watch);
  addSkewedClients(run, referenceImplementation, SKEW_SCALE);
  run.simulation.runFor(WARM_UP_MS);
  const before = measure(run, counts, 3);
  const balancer = balanced ? addBalancer(run) : undefined;
  run.simulation.runFor(REBALANCE_MS);
  const after = measure(run, counts, 3);
  const moves =
    balancer === undefined ? 0 : run.simulation.node<ShardBalancer>(balancer.address).moves.length;
  return { before, after, moves };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function row(label: string, windows: readonly Window[]): string {
  const perGroup = [0, 1, 2]
    .filter((index) => windows.every((w) => w.perGroup[index] !== undefined))
    .map((index) => column(mean(windows.map((w) => w.perGroup[index] ?? 0)), 0, 5).trim())
    .join(' / ');
  return `| ${label} | ${column(mean(windows.map((w) => w.throughput)), 0, 8)} | ${column(mean(windows.map((w) => w.medianMs)), 2, 6)} | ${column(mean(windows.map((w) => w.p99Ms)), 2, 6)} | ${perGroup} | ${column(mean(windows.map((w) => w.maxOverMin)), 2, 5)} |`;
}

const cpuStart = process.cpuUsage();
const seedList = Array.from({ length: seeds }, (_, index) => index + 1);
console.log(
  `groups of 3 servers, 1 ms links, 50 µs per message; ${WINDOW_MS / 1000} s windows; means over ${seeds} seeds`,
);
console.log('');
console.log(
  '| run | commands/s | median latency (ms) | p99 latency (ms) | executed/s per group | max/min group load |',
);
console.log('|---|---:|---:|---:|---:|---:|');
const one = seedList.map((seed) => uniform(1, seed));
const three = seedList.map((seed) => uniform(3, seed));
console.log(row(`uniform, 1 group, ${UNIFORM_CLIENTS} clients`, one));
console.log(row(`uniform, 3 groups, ${UNIFORM_CLIENTS} clients`, three));
const off = seedList.map((seed) => skewed(false, seed));
const on = seedList.map((seed) => skewed(true, seed));
console.log(
  row(
    `skewed, 3 groups, ${(HOT_SHARE * 100).toFixed(0)}% of clients on 2 shards, before`,
    on.map((run) => run.before),
  ),
);
console.log(
  row(
    'skewed, balancer off, 12 s later',
    off.map((run) => run.after),
  ),
);
console.log(
  row(
    'skewed, balancer on, 12 s later',
    on.map((run) => run.after),
  ),
);
console.log('');
const ratio = mean(three.map((w) => w.throughput)) / mean(one.map((w) => w.throughput));
console.log(`3 groups / 1 group throughput: ${ratio.toFixed(2)}x`);
const gain =
  mean(on.map((run) => run.after.throughput)) / mean(off.map((run) => run.after.throughput));
console.log(`skewed, balancer on / off throughput after 12 s: ${gain.toFixed(2)}x`);
console.log(`Moves the balancer sent: ${on.map((run) => run.moves).join(', ')} (per seed)`);
const cpu = process.cpuUsage(cpuStart);
console.log(`CPU time: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
