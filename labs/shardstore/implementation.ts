import type { Address, ClientNode, Node } from '../../framework/index.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import { ShardStoreClient } from './shard-store-client.ts';
import { ShardStoreServer } from './shard-store-server.ts';

/** Where a group server sits: its group, the shard masters, the number of shards. */
export interface GroupServerPlacement {
  readonly address: Address;
  readonly group: readonly Address[];
  readonly groupId: number;
  readonly shardMasters: readonly Address[];
  readonly shardCount: number;
  readonly variant: PaxosVariant;
}

/**
 * The nodes a part 2 test builds. Tests take this as a parameter so that the same suite runs
 * on the reference solution, a student's, or a deliberately broken variant.
 */
export interface ShardStoreImplementation {
  server(placement: GroupServerPlacement): Node;
  client(address: Address, shardMasters: readonly Address[], shardCount: number): ClientNode;
}

/** The reference solution. */
export const referenceImplementation: ShardStoreImplementation = {
  server: ({ address, group, shardMasters, groupId, shardCount, variant }) =>
    new ShardStoreServer(address, group, shardMasters, groupId, shardCount, variant),
  client: (address, shardMasters, shardCount) =>
    new ShardStoreClient(address, shardMasters, shardCount),
};
