// Run-mode simulator throughput: simulated events per wall-clock second, and the wall time
// of 30 simulated seconds of (1) lab 1 test 3.6 — SimpleServer and 4 SimpleClient workers
// appending forever on the default network — (2) ping-pong with 5 servers, each with
// its own client, pinging forever, and (3) lab 3's Multi-Paxos (optimized variant) with
// 5 servers and 4 clients appending forever: the design's five-server group. Median of several runs
// after a warm-up; also the best run, and the median CPU time, which a busy machine disturbs less
// than wall time. Run: node bin/run-ts.js bench/simulation.ts [RUNS] (default 7)
import { performance } from 'node:perf_hooks';
import { address, addresses } from '../framework/index.ts';
import { infiniteWorkload, Simulation } from '../framework/testing.ts';
import { SimpleClient } from '../labs/clientserver/simple-client.ts';
import { SimpleServer } from '../labs/clientserver/simple-server.ts';
import { infiniteAppends } from '../labs/kvstore/index.ts';
import { ping } from '../labs/pingpong/ping-application.ts';
import { PingClient } from '../labs/pingpong/ping-client.ts';
import { PingServer } from '../labs/pingpong/ping-server.ts';
import { referenceImplementation as paxos } from '../labs/paxos/implementation.ts';

const SIMULATED_MS = 30_000;
const SEED = 1;
const runs = Number(process.argv[2] ?? 7);

interface Scenario {
  readonly name: string;
  build(): Simulation;
}

const scenarios: Scenario[] = [
  {
    name: 'lab 1 test 3.6: 1 server, 4 clients, infinite appends',
    build() {
      const simulation = new Simulation({ seed: SEED });
      const server = address('server');
      simulation.addNode(server, () => new SimpleServer(server));
      for (const client of addresses('client', 4))
        simulation.addClientWorker(
          client,
          () => new SimpleClient(client, server),
          infiniteAppends(),
        );
      return simulation;
    },
  },
  {
    name: 'ping-pong: 5 servers, 5 clients, infinite pings',
    build() {
      const simulation = new Simulation({ seed: SEED });
      const servers = addresses('pingserver', 5);
      for (const server of servers) simulation.addNode(server, () => new PingServer(server));
      addresses('client', 5).forEach((client, index) => {
        const server = servers[index] ?? servers[0]!;
        simulation.addClientWorker(
          client,
          () => new PingClient(client, server),
          infiniteWorkload([ping('%a-%n')]),
        );
      });
      return simulation;
    },
  },
  {
    name: 'lab 3 Multi-Paxos: 5 servers, 4 clients, infinite appends',
    build() {
      const simulation = new Simulation({ seed: SEED });
      const servers = addresses('server', 5);
      for (const server of servers)
        simulation.addNode(server, () => paxos.server(server, servers, 'optimized'));
      for (const client of addresses('client', 4))
        simulation.addClientWorker(client, () => paxos.client(client, servers), infiniteAppends());
      return simulation;
    },
  },
];

interface Measurement {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly events: number;
}

function measure(scenario: Scenario): Measurement {
  const simulation = scenario.build();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  simulation.runFor(SIMULATED_MS);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, events: simulation.processedEvents };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const rows: string[][] = [
  [
    'scenario',
    'events',
    'wall ms median',
    'best',
    'events/s median',
    'events/s best',
    'CPU ms median',
    'CPU ms best',
  ],
];
for (const scenario of scenarios) {
  measure(scenario); // warm-up: let the JIT compile the hot paths
  const measurements = Array.from({ length: runs }, () => measure(scenario));
  const events = measurements[0]?.events ?? 0;
  if (measurements.some((measurement) => measurement.events !== events))
    throw new Error(`${scenario.name}: runs of one seed processed different event counts`);
  const walls = measurements.map((measurement) => measurement.wallMs);
  const wall = median(walls);
  const best = Math.min(...walls);
  rows.push([
    scenario.name,
    events.toLocaleString('en-US'),
    wall.toFixed(1),
    best.toFixed(1),
    Math.round(events / (wall / 1000)).toLocaleString('en-US'),
    Math.round(events / (best / 1000)).toLocaleString('en-US'),
    median(measurements.map((measurement) => measurement.cpuMs)).toFixed(1),
    Math.min(...measurements.map((measurement) => measurement.cpuMs)).toFixed(1),
  ]);
}
const widths =
  rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows)
  console.log(
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
console.log(
  `${SIMULATED_MS / 1000} simulated seconds per run, seed ${SEED}, median of ${runs} runs after one warm-up`,
);
