import type { Address } from '../../framework/index.ts';

/** A Join, Leave or Move that changed the configuration. */
export interface Ok {
  readonly kind: 'Ok';
}

/**
 * A command the shard master refused, changing nothing: a Join of a group already present, a
 * Leave of a group not present (or of the last one), a Move to an unknown group, to the shard's
 * owner or of a shard outside 1..N; or a Query before any Join.
 */
export interface ShardMasterError {
  readonly kind: 'Error';
}

/** One replica group in a configuration: its servers and the shards it owns, both sorted. */
export interface GroupInfo {
  readonly servers: readonly Address[];
  readonly shards: readonly number[];
}

/**
 * Configuration `configNum`: every group and what it owns. Groups are listed in ascending id
 * order, and a group that owns no shard is listed too (it is still part of the system).
 */
export interface ShardConfig {
  readonly kind: 'ShardConfig';
  readonly configNum: number;
  readonly groups: ReadonlyMap<number, GroupInfo>;
}

/** Every result of the shard master. */
export type ShardMasterResult = Ok | ShardMasterError | ShardConfig;

export const ok = (): Ok => ({ kind: 'Ok' });
export const shardMasterError = (): ShardMasterError => ({ kind: 'Error' });

/** The group that owns `shard` in `config`, if any. */
export function ownerOf(config: ShardConfig, shard: number): number | undefined {
  for (const [groupId, info] of config.groups) if (info.shards.includes(shard)) return groupId;
  return undefined;
}
