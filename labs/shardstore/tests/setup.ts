import { type Address, address, addresses } from '../../../framework/index.ts';
import {
  checkClientsDone,
  type NetworkSettings,
  scriptedWorkload,
  type Simulation,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import { kvWorkload } from '../../kvstore/index.ts';
import { PaxosClient } from '../../paxos/paxos-client.ts';
import { type PaxosVariant, paxosVariant } from '../../paxos/variant.ts';
import {
  join,
  LATEST_CONFIG,
  query,
  type ShardConfig,
  ShardMaster,
  type ShardMasterCommand,
  ShardMasterServer,
} from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';

/** A run of the sharded store: the shard masters, the groups' servers by group id. */
export interface StoreRun {
  readonly simulation: Simulation;
  readonly shardMasters: readonly Address[];
  readonly groups: ReadonlyMap<number, readonly Address[]>;
  readonly shardCount: number;
}

/** The servers of group `groupId`: `server<g>-1` … `server<g>-<count>`. */
export function groupAddresses(groupId: number, count: number): Address[] {
  return addresses(`server${groupId}-`, count);
}

/**
 * Starts a simulation with three shard masters (lab 3 Paxos servers running the reference
 * shard master) and the given groups, `serversPerGroup` servers each, none joined yet.
 */
export function startStore(
  context: TestContext,
  implementation: ShardStoreImplementation,
  options: StoreOptions & { readonly network?: Partial<NetworkSettings> },
): StoreRun {
  return populateStore(
    context.simulation(options.network),
    implementation,
    options,
    paxosVariant(context.variant),
  );
}

/** The shape of a store: its groups, their size, the number of shards. */
export interface StoreOptions {
  readonly groupIds: readonly number[];
  readonly serversPerGroup: number;
  readonly shardCount: number;
}

/** Adds the shard masters and the groups of {@link startStore} to a simulation of one's own. */
export function populateStore(
  simulation: Simulation,
  implementation: ShardStoreImplementation,
  options: StoreOptions,
  variant: PaxosVariant,
): StoreRun {
  const shardMasters = addresses('master', 3);
  for (const master of shardMasters)
    simulation.addNode(
      master,
      () =>
        new ShardMasterServer(master, shardMasters, variant, new ShardMaster(options.shardCount)),
    );
  const groups = new Map<number, readonly Address[]>();
  for (const groupId of options.groupIds) {
    const group = groupAddresses(groupId, options.serversPerGroup);
    groups.set(groupId, group);
    for (const server of group)
      simulation.addNode(server, () =>
        implementation.server({
          address: server,
          group,
          groupId,
          shardMasters,
          shardCount: options.shardCount,
          variant,
        }),
      );
  }
  return { simulation, shardMasters, groups, shardCount: options.shardCount };
}

/** Joins every group of the run, in order of group id, and waits for the Joins. */
export function joinAll(run: StoreRun): void {
  administer(
    run,
    [...run.groups.keys()].map((groupId) => joinGroup(run, groupId)),
    'admin',
    30_000,
  );
}

/** Groups 1 … `groupCount` of three servers on 10 shards, all joined. */
export function joinedStore(
  context: TestContext,
  implementation: ShardStoreImplementation,
  groupCount: number,
  network?: Partial<NetworkSettings>,
): StoreRun {
  const run = startStore(context, implementation, {
    groupIds: Array.from({ length: groupCount }, (_, index) => index + 1),
    serversPerGroup: 3,
    shardCount: 10,
    ...(network === undefined ? {} : { network }),
  });
  joinAll(run);
  return run;
}

/** Adds an administrator client of the shard masters running `workload` (Joins, Leaves…). */
export function addAdmin(run: StoreRun, workload: Workload, name = 'admin'): Address {
  const admin = address(name);
  run.simulation.addClientWorker(admin, () => new PaxosClient(admin, run.shardMasters), workload);
  return admin;
}

/** Adds client workers `prefix1`, `prefix2`, … of the store running `workload`. */
export function addStoreClients(
  run: StoreRun,
  implementation: ShardStoreImplementation,
  count: number,
  workload: Workload,
  prefix = 'client',
): Address[] {
  const clients = addresses(prefix, count);
  for (const client of clients)
    run.simulation.addClientWorker(
      client,
      () => implementation.client(client, run.shardMasters, run.shardCount),
      workload,
    );
  return clients;
}

/** Runs the administrator commands `commands`, as a fresh administrator client, to completion. */
export function administer(
  run: StoreRun,
  commands: readonly ShardMasterCommand[],
  name: string,
  timeLimitMs = 10_000,
): void {
  addAdmin(run, scriptedWorkload(commands), name);
  run.simulation.runUntilClientsDone(timeLimitMs);
  checkClientsDone(run.simulation);
}

/** The Join of group `groupId` of the run, with its servers. */
export function joinGroup(run: StoreRun, groupId: number): ShardMasterCommand {
  return join(groupId, run.groups.get(groupId) ?? []);
}

/** Stops every server of group `groupId`: it never answers again. */
export function stopGroup(run: StoreRun, groupId: number): void {
  for (const server of run.groups.get(groupId) ?? []) run.simulation.stopNode(server);
}

/** `PUT key value` for each key, then nothing else: the workload that loads a store. */
export function putsOf(entries: readonly (readonly [string, string])[]): Workload {
  return kvWorkload(
    entries.map(([key, value]) => `PUT:${key}:${value}`),
    entries.map(() => 'PutOk'),
  );
}

/** `GET key` for each key, expecting its value. */
export function getsOf(entries: readonly (readonly [string, string])[]): Workload {
  return kvWorkload(
    entries.map(([key]) => `GET:${key}`),
    entries.map(([, value]) => value),
  );
}

/** Keys `key-1` … `key-<count>` (key `key-i` is on shard i modulo N) with values `v<i>`. */
export function numberedEntries(count: number, value = 'v'): [string, string][] {
  return Array.from({ length: count }, (_, index) => [`key-${index + 1}`, `${value}${index + 1}`]);
}

/**
 * The configurations that the reference shard master produces for `commands`, run locally: a
 * test knows from them which group owns which shard, without asking the system under test.
 */
export function expectedConfig(
  shardCount: number,
  commands: readonly ShardMasterCommand[],
): ShardConfig {
  const master = new ShardMaster(shardCount);
  for (const command of commands) master.execute(command);
  const latest = master.execute(query(LATEST_CONFIG));
  if (latest.kind !== 'ShardConfig') throw new Error('the commands created no configuration');
  return latest;
}
