import { type Address, address, addresses } from '../../../framework/index.ts';
import type {
  NetworkSettings,
  Simulation,
  TestContext,
  Workload,
} from '../../../framework/testing.ts';
import { PaxosClient } from '../../paxos/paxos-client.ts';
import { paxosVariant } from '../../paxos/variant.ts';
import { ShardMaster, ShardMasterServer } from '../../shardmaster/index.ts';
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
  options: {
    readonly groupIds: readonly number[];
    readonly serversPerGroup: number;
    readonly shardCount: number;
    readonly network?: Partial<NetworkSettings>;
  },
): StoreRun {
  const simulation = context.simulation(options.network);
  const variant = paxosVariant(context.variant);
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
