import { ownerOf, type ShardConfig } from '../../shardmaster/index.ts';
import { keyToShard } from '../../shardstore/key-to-shard.ts';
import { SHARD_COUNT } from './setup.ts';

/**
 * `count` keys `key-<n>` on shards that `config` gives to group `groupId`, from the `skip`-th
 * on: a test aims transactions at one group or across groups with them.
 */
export function keysOfGroup(
  config: ShardConfig,
  groupId: number,
  count: number,
  skip = 0,
): string[] {
  const keys: string[] = [];
  for (let n = 1; keys.length < count + skip && n <= 100 * SHARD_COUNT * (count + skip); n++)
    if (ownerOf(config, keyToShard(`key-${n}`, SHARD_COUNT)) === groupId) keys.push(`key-${n}`);
  if (keys.length < count + skip) throw new Error(`group ${groupId} owns no shard`);
  return keys.slice(skip);
}
