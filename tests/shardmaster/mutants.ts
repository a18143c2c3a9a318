import type { ShardMasterImplementation } from '../../labs/shardmaster/implementation.ts';
import {
  firstForLatest,
  laxMove,
  noRebalance,
  offByOneNumbering,
  orphaningLeave,
  rejoiningJoin,
  reshufflingJoin,
  reshufflingLeave,
  rotatingTieBreak,
  strictQuery,
} from './broken-shard-masters.ts';

/** A deliberately broken shard master, and the part 1 tests that must fail on it. */
export interface ShardMasterMutant {
  readonly name: string;
  readonly implementation: ShardMasterImplementation;
  /** Every test of part 1 (by number) that fails on it, in order. */
  readonly caughtBy: readonly number[];
}

/**
 * Lab 4 part 1's mutation catalogue: the classic mistakes of a shard master. The graded
 * suite fails on each (`mutation-catalogue.test.ts`).
 */
export const SHARD_MASTER_MUTANTS: readonly ShardMasterMutant[] = [
  {
    name: 'a Join deals every shard out again',
    implementation: reshufflingJoin,
    caughtBy: [5, 6, 8],
  },
  {
    name: 'a Leave deals every shard out again',
    implementation: reshufflingLeave,
    caughtBy: [5, 6, 8],
  },
  {
    name: 'ties broken by a counter shared between instances',
    implementation: rotatingTieBreak,
    caughtBy: [8, 9],
  },
  {
    name: 'Query(-1) answers the first config',
    implementation: firstForLatest,
    caughtBy: [5, 6, 7, 8],
  },
  { name: 'a Query past the latest is an Error', implementation: strictQuery, caughtBy: [6] },
  {
    name: "a Leave drops the leaver's shards",
    implementation: orphaningLeave,
    caughtBy: [3, 5, 6, 8],
  },
  { name: 'a Join of a present group is accepted', implementation: rejoiningJoin, caughtBy: [3] },
  {
    name: 'a Move to the owner or outside 1..N is accepted',
    implementation: laxMove,
    caughtBy: [3],
  },
  { name: 'a Join after Moves does not rebalance', implementation: noRebalance, caughtBy: [7] },
  {
    name: 'the first Join creates config 1',
    implementation: offByOneNumbering,
    caughtBy: [4, 5, 6, 8],
  },
];
