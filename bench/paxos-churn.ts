// Lab 3 under churn: test 2.11's scenario (5 servers, 3 clients appending forever, a new
// random majority every 2 s for 30 s), on a reliable network and at 80% delivery with 20%
// duplicates. The figure is each seed's worst wait: the longest any client waited for a
// result. Over 200 seeds for each variant; the lab's tests require it under 2 s. On the
// lossy network the reference runs beside a server whose candidates send their prepares
// once per election (as the reference did before), on the same seeds.
// Run: node bin/run-ts.js bench/paxos-churn.ts [SEEDS]   (default 200)
import { performance } from 'node:perf_hooks';
import {
  maxWaitMs,
  type NetworkSettings,
  Simulation,
  type TestContext,
} from '../framework/testing.ts';
import type { Candidate } from '../labs/paxos/role.ts';
import {
  referenceImplementation,
  replicatedKVStore,
  type PaxosImplementation,
} from '../labs/paxos/implementation.ts';
import { PaxosClient } from '../labs/paxos/paxos-client.ts';
import { PaxosServer } from '../labs/paxos/paxos-server.ts';
import { randomMajorities } from '../labs/paxos/tests/fault-tests.ts';
import { UNRELIABLE } from '../labs/paxos/tests/setup.ts';
import { column, quantile } from './paxos-cluster.ts';

const BOUND_MS = 2_000;

/**
 * A candidate that sends its prepare once per election, and waits for its next timeout to try
 * again.
 */
class PrepareOnceServer extends PaxosServer {
  protected override resendPrepare(_candidate: Candidate): void {}
}

const prepareOnce: PaxosImplementation = {
  server: (address, servers, variant) =>
    new PrepareOnceServer(address, servers, variant, replicatedKVStore()),
  client: (address, servers) => new PaxosClient(address, servers),
};
const seeds = Number(process.argv[2] ?? 200);

/** What a run test gets from the runner, for a bench: simulations seeded like the runner's. */
function benchContext(seed: number, variant: string): TestContext {
  return {
    seed,
    variant,
    simulation: (network?: Partial<NetworkSettings>) => new Simulation({ seed, network }),
    search: () => {
      throw new Error('a run scenario searches nothing');
    },
    note: () => undefined,
  };
}

const start = performance.now();
console.log(`test 2.11's scenario, ${seeds} seeds: the worst wait of any client in each seed`);
console.log('');
console.log(
  '| variant | network | candidates | min (ms) | median (ms) | p90 (ms) | p99 (ms) | max (ms) | seeds ≥ 2 s |',
);
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
const runs = [
  ['reliable', {}, 'resend every 25 ms', referenceImplementation],
  ['80% delivery, duplicates', UNRELIABLE, 'prepare once', prepareOnce],
  ['80% delivery, duplicates', UNRELIABLE, 'resend every 25 ms', referenceImplementation],
] as const;
for (const [label, network, candidates, implementation] of runs) {
  for (const variant of ['basic', 'optimized'] as const) {
    const worst: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const { simulation } = randomMajorities(benchContext(seed, variant), implementation, network);
      worst.push(maxWaitMs(simulation.history, simulation.nowMs).waitMs);
    }
    const over = worst.filter((wait) => wait >= BOUND_MS).length;
    console.log(
      `| ${variant} | ${label} | ${candidates} | ${column(Math.min(...worst), 1, 6)} | ${column(quantile(worst, 0.5), 1, 6)} | ${column(quantile(worst, 0.9), 1, 6)} | ` +
        `${column(quantile(worst, 0.99), 1, 6)} | ${column(Math.max(...worst), 1, 6)} | ${over}/${seeds} |`,
    );
  }
}
console.log('');
console.log(`wall time ${((performance.now() - start) / 1000).toFixed(1)} s`);
