import type { Lab } from '../../framework/index.ts';
import { shardMasterTests } from './tests/index.ts';

export * from './commands.ts';
export * from './results.ts';
export { ShardMaster, InvalidShardCountError } from './shard-master.ts';

/**
 * Lab 4: the sharded store. Part 1 is the shard master, the application that assigns shards
 * to replica groups (the sharded store of part 2 builds on it).
 */
export const shardedStoreLab: Lab = {
  id: '4',
  name: 'shardmaster',
  title: 'Sharded store',
  tests: shardMasterTests(),
};
