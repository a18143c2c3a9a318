import type { Lab } from '../../framework/testing.ts';
import { shardMasterTests } from '../shardmaster/tests/index.ts';
import { shardStoreExplore } from './explore.ts';
import { shardOwnershipSummary } from './ownership-summary.ts';
import { shardStoreTests } from './tests/index.ts';

export { keyToShard } from './key-to-shard.ts';
export { ShardStoreClient } from './shard-store-client.ts';
export { ShardStoreServer } from './shard-store-server.ts';

/**
 * Lab 4: the sharded store. Part 1 is the shard master (`labs/shardmaster`), the application
 * that assigns shards to replica groups; part 2 the store of replica groups that serve them.
 */
export const shardedStoreLab: Lab = {
  id: '4',
  name: 'shardstore',
  title: 'Sharded store',
  parts: { 1: 'The shard master', 2: 'The sharded store' },
  tests: [...shardMasterTests(), ...shardStoreTests()],
  explore: shardStoreExplore,
  summary: shardOwnershipSummary,
};
