import type { Address } from '../../framework/index.ts';

/** Adds replica group `groupId`, made of `servers`, and gives it its share of the shards. */
export interface Join {
  readonly kind: 'Join';
  readonly groupId: number;
  readonly servers: readonly Address[];
}

/** Removes replica group `groupId`; its shards go to the groups that remain. */
export interface Leave {
  readonly kind: 'Leave';
  readonly groupId: number;
}

/** Gives shard `shard` to group `groupId`, whoever owns it now (an operator's override). */
export interface Move {
  readonly kind: 'Move';
  readonly groupId: number;
  readonly shard: number;
}

/** Asks for configuration `configNum`; -1 (or any number past the latest) asks for the latest. */
export interface Query {
  readonly kind: 'Query';
  readonly configNum: number;
}

/** Every command of the shard master. */
export type ShardMasterCommand = Join | Leave | Move | Query;

/** Builds a {@link Join}; the servers are kept sorted, so equal groups are equal values. */
export const join = (groupId: number, servers: Iterable<Address>): Join => ({
  kind: 'Join',
  groupId,
  servers: [...servers].sort(),
});
export const leave = (groupId: number): Leave => ({ kind: 'Leave', groupId });
export const move = (groupId: number, shard: number): Move => ({ kind: 'Move', groupId, shard });
export const query = (configNum: number): Query => ({ kind: 'Query', configNum });

/** The configuration number a {@link Query} uses for "the latest". */
export const LATEST_CONFIG = -1;
