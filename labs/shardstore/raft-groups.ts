import { ShardStoreClient } from './shard-store-client.ts';
import { ShardStoreServer } from './shard-store-server.ts';
import type { ShardStoreImplementation } from './implementation.ts';

/**
 * The reference sharded store with every replica group on Raft (`--consensus raft`): the same
 * servers and clients, each server's consensus sub-node a Raft replica instead of lab 3's Paxos
 * server. The shard masters stay lab 3's Paxos servers: part 2 builds them itself.
 */
export const raftGroupsImplementation: ShardStoreImplementation = {
  server: ({ address, group, shardMasters, groupId, shardCount, variant }) =>
    new ShardStoreServer(
      address,
      group,
      shardMasters,
      groupId,
      shardCount,
      variant,
      undefined,
      'raft',
    ),
  client: (address, shardMasters, shardCount) =>
    new ShardStoreClient(address, shardMasters, shardCount),
};
