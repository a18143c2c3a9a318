import { type Address, addresses } from '../../../framework/index.ts';
import {
  type NetworkSettings,
  type RandomSource,
  type Simulation,
  SystemBuilder,
  SystemModel,
  type SystemSearchSettings,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import type { PaxosImplementation } from '../implementation.ts';
import { paxosVariant } from '../variant.ts';

/** 80% delivery, and 20% of delivered messages delivered twice. */
export const UNRELIABLE: Partial<NetworkSettings> = { deliveryRate: 0.8, duplicateRate: 0.2 };

/** A run: a simulation with a Paxos group, and the addresses of its servers. */
export interface PaxosRun {
  readonly simulation: Simulation;
  readonly servers: readonly Address[];
}

/** Starts a simulation with `serverCount` servers of the test's variant. */
export function startRun(
  context: TestContext,
  implementation: PaxosImplementation,
  serverCount: number,
  network: Partial<NetworkSettings> = {},
): PaxosRun {
  const simulation = context.simulation(network);
  const servers = addresses('server', serverCount);
  const variant = paxosVariant(context.variant);
  for (const server of servers)
    simulation.addNode(server, () => implementation.server(server, servers, variant));
  return { simulation, servers };
}

/** Adds client workers `prefix1`, `prefix2`, … running `workload`; returns their addresses. */
export function addClients(
  run: PaxosRun,
  implementation: PaxosImplementation,
  count: number,
  workload: Workload,
  prefix = 'client',
): Address[] {
  const clients = addresses(prefix, count);
  for (const client of clients)
    run.simulation.addClientWorker(
      client,
      () => implementation.client(client, run.servers),
      workload,
    );
  return clients;
}

/**
 * Lets servers talk only within their group; clients still reach every server (clients
 * are outside the failure being tested). Servers in no group are cut off from all servers.
 */
export function partitionServers(run: PaxosRun, ...groups: readonly (readonly Address[])[]): void {
  for (const from of run.servers) {
    for (const to of run.servers) {
      if (from === to) continue;
      const together = groups.some((group) => group.includes(from) && group.includes(to));
      run.simulation.setLinkActive(from, to, together);
    }
  }
}

/**
 * Cuts each one-way link from a server to another with probability `probability`, and
 * restores the rest: an asymmetric failure, where a server may hear another and not be
 * heard by it. Returns the links cut, as `from>to`.
 */
export function cutRandomLinks(run: PaxosRun, random: RandomSource, probability: number): string[] {
  const cut: string[] = [];
  for (const from of run.servers) {
    for (const to of run.servers) {
      if (from === to) continue;
      const active = !random.chance(probability);
      run.simulation.setLinkActive(from, to, active);
      if (!active) cut.push(`${from}>${to}`);
    }
  }
  return cut;
}

/** Restores every link between servers. */
export function healServers(run: PaxosRun): void {
  partitionServers(run, run.servers);
}

/** A search system: its servers, its clients and the model, with the given settings. */
export interface PaxosSearch {
  readonly servers: readonly Address[];
  readonly clients: readonly Address[];
  readonly model: SystemModel;
}

/** Builds the initial state of a search: `serverCount` servers, and one client per workload. */
export function buildSearch(
  context: TestContext,
  implementation: PaxosImplementation,
  serverCount: number,
  workloads: readonly Workload[],
  settings: SystemSearchSettings = {},
): PaxosSearch {
  const servers = addresses('server', serverCount);
  const clients = addresses('client', workloads.length);
  const variant = paxosVariant(context.variant);
  const builder = new SystemBuilder(context.seed);
  for (const server of servers) builder.addNode(implementation.server(server, servers, variant));
  clients.forEach((client, index) =>
    builder.addClientWorker(implementation.client(client, servers), workloads[index] as Workload),
  );
  return { servers, clients, model: new SystemModel(builder.build(), settings) };
}
