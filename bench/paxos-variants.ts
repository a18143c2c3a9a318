// Lab 3: the optimized variant (Multi-Paxos) against the basic one (both phases for every
// command, one slot at a time), with 5 servers on 1 ms links and a 50 µs service time per
// message at every node (see bench/paxos-cluster.ts), in simulated time:
//   - throughput at saturation: 50 clients appending forever;
//   - latency at light load: 1 client, then 5 clients (median and 99th percentile);
//   - agreement latency at the leader: from a request's arrival to its reply's departure;
//   - messages sent per committed command, in each of those runs.
// Each run warms up for 1 simulated second, then measures for 5.
// Run: node bin/run-ts.js bench/paxos-variants.ts [SEED]   (default 1)
import { performance } from 'node:perf_hooks';
import type { PaxosVariant } from '../labs/paxos/variant.ts';
import {
  column,
  latenciesMs,
  LINK_MS,
  quantile,
  SERVICE_TIME_MS,
  startCluster,
} from './paxos-cluster.ts';

const SERVERS = 5;
const WARM_UP_MS = 1_000;
const MEASURE_MS = 5_000;
const seed = Number(process.argv[2] ?? 1);

interface Figures {
  readonly commandsPerSecond: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  /** At the leader: from the request's arrival to the reply's departure. */
  readonly agreementMedianMs: number;
  readonly messagesPerCommand: number;
  readonly elections: number;
}

function measure(variant: PaxosVariant, clients: number): Figures {
  const cluster = startCluster(variant, SERVERS, clients, seed);
  const { simulation, observed } = cluster;
  simulation.runFor(WARM_UP_MS);
  const fromMicros = simulation.nowMs * 1000;
  const sentBefore = observed.sent;
  simulation.runFor(MEASURE_MS);
  const latencies = latenciesMs(simulation.history, fromMicros, simulation.nowMs * 1000);
  const agreements = observed.agreements
    .filter((agreement) => agreement.replyMicros >= fromMicros)
    .map((agreement) => agreement.durationMs);
  return {
    commandsPerSecond: latencies.length / (MEASURE_MS / 1000),
    medianMs: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    agreementMedianMs: quantile(agreements, 0.5),
    messagesPerCommand: (observed.sent - sentBefore) / latencies.length,
    elections: observed.elections.length,
  };
}

const loads = [
  { label: 'saturation, 50 clients', clients: 50 },
  { label: 'light load, 1 client', clients: 1 },
  { label: 'light load, 5 clients', clients: 5 },
];

const start = performance.now();
console.log(
  `${SERVERS} servers, ${LINK_MS} ms links, ${SERVICE_TIME_MS * 1000} µs per message per node, seed ${seed}; ${MEASURE_MS / 1000} s measured after ${WARM_UP_MS / 1000} s`,
);
console.log('');
console.log(
  '| load | variant | commands/s | median latency (ms) | p99 latency (ms) | median agreement at the leader (ms) | messages/command |',
);
console.log('|---|---|---:|---:|---:|---:|---:|');
const results = new Map<string, Figures>();
for (const load of loads) {
  for (const variant of ['basic', 'optimized'] as const) {
    const figures = measure(variant, load.clients);
    results.set(`${load.clients}/${variant}`, figures);
    console.log(
      `| ${load.label} | ${variant} | ${column(figures.commandsPerSecond, 0, 6)} | ${column(figures.medianMs, 2, 6)} | ${column(figures.p99Ms, 2, 6)} | ` +
        `${column(figures.agreementMedianMs, 2, 6)} | ${column(figures.messagesPerCommand, 1, 5)} |`,
    );
  }
}
console.log('');
const ratio = (clients: number, pick: (figures: Figures) => number): number =>
  pick(results.get(`${clients}/optimized`) as Figures) /
  pick(results.get(`${clients}/basic`) as Figures);
console.log(
  `throughput at saturation, optimized / basic: ${ratio(50, (figures) => figures.commandsPerSecond).toFixed(2)}× (goal: at least 3×)`,
);
for (const clients of [1, 5]) {
  console.log(
    `latency with ${clients} client${clients === 1 ? '' : 's'}, optimized / basic: median ${ratio(clients, (figures) => figures.medianMs).toFixed(2)}, ` +
      `p99 ${ratio(clients, (figures) => figures.p99Ms).toFixed(2)}, agreement at the leader ${ratio(clients, (figures) => figures.agreementMedianMs).toFixed(2)} (goal: at most 0.5)`,
  );
}
const elections = [...results.values()].reduce((sum, figures) => sum + figures.elections, 0);
console.log(`elections started in these runs: ${elections} (the first server leads throughout)`);
console.log(`wall time ${((performance.now() - start) / 1000).toFixed(1)} s`);
