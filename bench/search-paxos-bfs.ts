// Breadth-first search of lab 3's state spaces to exhaustion, as tests/paxos/state-space.test.ts
// pins some of them (3 servers, one client running put, append, get, timers off, the log invariants
// checked in every state), printing for each the unique states, events, CPU seconds and unique
// states per CPU second. Each space is searched ROUNDS times and the fastest round is printed:
// the machine may be shared, and CPU time is less disturbed by other work than wall time.
// Run: node bin/run-ts.js bench/search-paxos-bfs.ts [ROUNDS]   (default 3)
import { addresses } from '../framework/index.ts';
import {
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type SystemSearchSettings,
} from '../framework/testing.ts';
import { breadthFirstSearch } from '../framework/engine.ts';
import { kvWorkload } from '../labs/kvstore/index.ts';
import { referenceImplementation } from '../labs/paxos/implementation.ts';
import { PAXOS_INVARIANTS } from '../labs/paxos/invariants.ts';
import type { PaxosVariant } from '../labs/paxos/variant.ts';

const SERVERS = addresses('server', 3);
const CLIENT = addresses('client', 1)[0]!;
const rounds = Number(process.argv[2] ?? 3);

/**
 * The largest of the pinned spaces of each variant, and a larger one (basic, 2 commands, every
 * server: about 600,000 states) that runs long enough for a steady figure.
 */
const SPACES: readonly { variant: PaxosVariant; commands: number; majority: boolean }[] = [
  { variant: 'optimized', commands: 3, majority: false },
  { variant: 'basic', commands: 1, majority: false },
  { variant: 'basic', commands: 3, majority: true },
  { variant: 'basic', commands: 2, majority: false },
];

function model(variant: PaxosVariant, commands: number, majority: boolean): SystemModel {
  const builder = new SystemBuilder(1);
  for (const server of SERVERS)
    builder.addNode(referenceImplementation.server(server, SERVERS, variant));
  const workload = kvWorkload(
    ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'].slice(0, commands),
    ['PutOk', 'barbaz', 'barbaz'].slice(0, commands),
  );
  builder.addClientWorker(referenceImplementation.client(CLIENT, SERVERS), workload);
  const settings: SystemSearchSettings = majority
    ? { partition: [[SERVERS[0]!, SERVERS[1]!, CLIENT]] }
    : {};
  return new SystemModel(builder.build(), { deliverTimers: false, ...settings });
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');
for (const { variant, commands, majority } of SPACES) {
  let best = Infinity;
  let states = 0;
  let events = 0;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    const result = breadthFirstSearch(model(variant, commands, majority), [
      ...PAXOS_INVARIANTS,
      RESULTS_OK,
      CLIENTS_DONE_PRUNE,
    ]);
    const cpu = process.cpuUsage(start);
    best = Math.min(best, (cpu.user + cpu.system) / 1e6);
    states = result.uniqueStates;
    events = result.transitions;
  }
  console.log(
    `${variant}, ${commands} commands, ${majority ? 'a majority' : 'every server'}: ` +
      `unique states ${format(states)}  events ${format(events)}  ` +
      `best CPU seconds ${best.toFixed(3)}  unique states/CPU-s ${format(states / best)}`,
  );
}
