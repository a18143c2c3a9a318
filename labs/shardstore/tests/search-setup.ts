import { type Address, address, addresses } from '../../../framework/index.ts';
import {
  goal,
  type Predicate,
  scriptedWorkload,
  SystemBuilder,
  SystemModel,
  type SystemState,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import { PaxosClient } from '../../paxos/paxos-client.ts';
import { paxosVariant } from '../../paxos/variant.ts';
import {
  join,
  ShardMaster,
  type ShardMasterCommand,
  ShardMasterServer,
} from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { groupAddresses } from './setup.ts';

/** A search over a small sharded store, and the addresses in it. */
export interface StoreSearch {
  readonly model: SystemModel;
  readonly groups: ReadonlyMap<number, readonly Address[]>;
  readonly admin: Address;
  readonly clients: readonly Address[];
}

/**
 * One shard master, groups of `serversPerGroup` servers (one, as DSLabs's search tests use, so
 * the state space stays searchable), an administrator running `administration` — where
 * `join(g)` stands for the Join of group g with its servers — and one store client per
 * workload.
 */
export function buildStoreSearch(
  context: TestContext,
  implementation: ShardStoreImplementation,
  options: {
    readonly groupIds: readonly number[];
    readonly serversPerGroup: number;
    readonly shardCount: number;
    readonly administration: (
      groups: ReadonlyMap<number, readonly Address[]>,
    ) => ShardMasterCommand[];
    readonly workloads: readonly Workload[];
  },
): StoreSearch {
  const variant = paxosVariant(context.variant);
  const builder = new SystemBuilder(context.seed);
  const masters = addresses('master', 1);
  for (const master of masters)
    builder.addNode(
      new ShardMasterServer(master, masters, variant, new ShardMaster(options.shardCount)),
    );
  const groups = new Map<number, readonly Address[]>();
  for (const groupId of options.groupIds) {
    const group = groupAddresses(groupId, options.serversPerGroup);
    groups.set(groupId, group);
    for (const server of group)
      builder.addNode(
        implementation.server({
          address: server,
          group,
          groupId,
          shardMasters: masters,
          shardCount: options.shardCount,
          variant,
        }),
      );
  }
  const admin = address('admin');
  builder.addClientWorker(
    new PaxosClient(admin, masters),
    scriptedWorkload(options.administration(groups)),
  );
  const clients = addresses('client', options.workloads.length);
  clients.forEach((client, index) =>
    builder.addClientWorker(
      implementation.client(client, masters, options.shardCount),
      options.workloads[index] as Workload,
    ),
  );
  return { model: new SystemModel(builder.build()), groups, admin, clients };
}

/** The Joins of the given groups, in order. */
export function joins(
  groups: ReadonlyMap<number, readonly Address[]>,
  groupIds: readonly number[],
): ShardMasterCommand[] {
  return groupIds.map((groupId) => join(groupId, groups.get(groupId) ?? []));
}

/** Goal: the given client workers have finished their workloads. */
export function clientsFinished(clients: readonly Address[]): Predicate<SystemState> {
  return goal(`${clients.join(', ')} done`, (state) =>
    state
      .clientWorkers()
      .filter((worker) => clients.includes(worker.address))
      .every((worker) => worker.isDone()),
  );
}
