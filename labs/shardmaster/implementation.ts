import type { Application } from '../../framework/index.ts';
import type { ShardMasterCommand } from './commands.ts';
import type { ShardMasterResult } from './results.ts';
import { ShardMaster } from './shard-master.ts';

/**
 * What the part 1 tests build: a fresh shard master for N shards. Tests take this as a
 * parameter so that the same suite runs on the reference solution, a student's, or a
 * deliberately broken variant.
 */
export interface ShardMasterImplementation {
  shardMaster(shardCount: number): Application<ShardMasterCommand, ShardMasterResult>;
}

/** The reference solution. */
export const referenceImplementation: ShardMasterImplementation = {
  shardMaster: (shardCount) => new ShardMaster(shardCount),
};
