// The read-only window of each moved shard: from the first source server freezing it (the
// configuration that gives it away executing in the source's log) to the first destination
// server serving it (its installation executing in the destination's log) — the time in which
// no group executes a write on it. Three groups of three servers on 1 ms links (50 µs service
// time per message), five clients appending forever, a Move every 4 s (constant movement, as
// test 2.8) for 20 simulated seconds, per seed. Goal: every window under 100 ms.
// Run: node bin/run-ts.js bench/shard-migration-window.ts [SEEDS]   (default 100)
import { rootAddress } from '../framework/index.ts';
import type { SimulationEvent, Simulation } from '../framework/testing.ts';
import { infiniteAppends } from '../labs/kvstore/index.ts';
import { referenceImplementation } from '../labs/shardstore/implementation.ts';
import { runConstantMovement } from '../labs/shardstore/tests/fault-tests.ts';
import { addStoreClients } from '../labs/shardstore/tests/setup.ts';
import { column, quantile } from './paxos-cluster.ts';
import { joinedCluster, replicaOf } from './shard-cluster.ts';

const RUN_MS = 20_000;
const WINDOW_GOAL_MS = 100;
const seeds = Number(process.argv[2] ?? 100);

/** Windows (ms) of every shard moved in one seed's run. */
function windows(seed: number): number[] {
  const frozen = new Map<string, number>();
  const served = new Map<string, number>();
  let groupServers = new Set<string>();
  const watch = (event: SimulationEvent, simulation: Simulation): void => {
    if (event.type !== 'deliver' && event.type !== 'timer') return;
    const root = rootAddress(event.to);
    if (!groupServers.has(root)) return;
    const replica = replicaOf(simulation, root);
    const configNum = replica.configNum();
    for (const shard of replica.departing().keys()) {
      const key = `${shard}@${configNum}`;
      if (!frozen.has(key)) frozen.set(key, event.timeMicros);
    }
    for (const shard of replica.config?.groups.get(replica.groupId)?.shards ?? []) {
      const key = `${shard}@${configNum}`;
      if (frozen.has(key) && !served.has(key) && replica.servesShard(shard))
        served.set(key, event.timeMicros);
    }
  };
  const run = joinedCluster(3, seed, watch);
  groupServers = new Set([...run.groups.values()].flat());
  addStoreClients(run, referenceImplementation, 5, infiniteAppends());
  runConstantMovement(run, RUN_MS);
  const result: number[] = [];
  for (const [key, start] of frozen) {
    const end = served.get(key);
    if (end !== undefined) result.push((end - start) / 1000);
  }
  return result;
}

const cpuStart = process.cpuUsage();
const all: number[] = [];
for (let seed = 1; seed <= seeds; seed++) all.push(...windows(seed));
const cpu = process.cpuUsage(cpuStart);
console.log(
  `3 groups x 3 servers, 1 ms links, 50 µs per message, a Move every 4 s for ${RUN_MS / 1000} s; ${seeds} seeds, ${all.length} moved shards`,
);
console.log('');
console.log('| median (ms) | p99 (ms) | max (ms) | windows under 100 ms |');
console.log('|---:|---:|---:|---:|');
const under = all.filter((window) => window < WINDOW_GOAL_MS).length;
console.log(
  `| ${column(quantile(all, 0.5), 2, 6)} | ${column(quantile(all, 0.99), 2, 6)} | ${column(Math.max(...all), 2, 6)} | ${under}/${all.length} |`,
);
console.log('');
console.log(`CPU time: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
