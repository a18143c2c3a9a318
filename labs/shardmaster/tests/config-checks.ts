import { type Address, address } from '../../../framework/index.ts';
import { checkThat } from '../../../framework/testing.ts';
import type { ShardConfig } from '../results.ts';

/** The servers of group `groupId` in the tests: server(3i-2), server(3i-1), server(3i). */
export function groupServers(groupId: number): Address[] {
  return [3 * groupId - 2, 3 * groupId - 1, 3 * groupId].map((n) => address(`server${n}`)).sort();
}

/** Shard counts per group, as `{1: 5, 2: 5}`, for failure messages. */
export function describeCounts(config: ShardConfig): string {
  const counts = [...config.groups].map(([groupId, info]) => `${groupId}: ${info.shards.length}`);
  return `config ${config.configNum} {${counts.join(', ')}}`;
}

/**
 * Checks a configuration: exactly the groups `groupIds`, each with its test servers; every
 * shard 1..N owned by exactly one group; and shard counts that differ by at most
 * 1 + 2 × `moves` (`moves`: the Moves since the last Join or Leave).
 */
export function checkConfig(
  config: ShardConfig,
  shardCount: number,
  groupIds: readonly number[],
  moves = 0,
): void {
  const present = [...config.groups.keys()].sort((a, b) => a - b);
  const expected = [...groupIds].sort((a, b) => a - b);
  checkThat(
    present.join() === expected.join(),
    `config ${config.configNum} lists groups [${present.join(', ')}], expected [${expected.join(', ')}]`,
  );
  const owners = new Map<number, number>();
  for (const [groupId, info] of config.groups) {
    checkThat(
      [...info.servers].sort().join() === groupServers(groupId).join(),
      `config ${config.configNum}: group ${groupId} has servers [${info.servers.join(', ')}], expected [${groupServers(groupId).join(', ')}]`,
    );
    for (const shard of info.shards) {
      const other = owners.get(shard);
      checkThat(
        other === undefined,
        `config ${config.configNum}: shard ${shard} is owned by groups ${other} and ${groupId}`,
      );
      checkThat(
        Number.isInteger(shard) && shard >= 1 && shard <= shardCount,
        `config ${config.configNum}: group ${groupId} owns shard ${shard}, outside 1..${shardCount}`,
      );
      owners.set(shard, groupId);
    }
  }
  checkThat(
    owners.size === shardCount,
    `config ${config.configNum}: ${shardCount - owners.size} of the shards 1..${shardCount} have no owner`,
  );
  const counts = [...config.groups.values()].map((info) => info.shards.length);
  const spread = Math.max(...counts) - Math.min(...counts);
  checkThat(
    spread <= 1 + 2 * moves,
    `${describeCounts(config)} is unbalanced: counts differ by ${spread}, more than ${1 + 2 * moves}${moves > 0 ? ` after ${moves} moves` : ''}`,
  );
}

/**
 * Checks that `current` follows `previous` and moved as few shards as it could: a Join moves
 * exactly the shards the new group receives, floor(N / groups) of them; a Leave only the
 * leaver's shards; a Move exactly one.
 */
export function checkMovement(
  previous: ShardConfig,
  current: ShardConfig,
  shardCount: number,
): void {
  checkThat(
    current.configNum === previous.configNum + 1,
    `config ${current.configNum} follows config ${previous.configNum}: expected ${previous.configNum + 1}`,
  );
  const moved = movedShards(previous, current);
  const joined = [...current.groups.keys()].filter((groupId) => !previous.groups.has(groupId));
  const left = [...previous.groups.keys()].filter((groupId) => !current.groups.has(groupId));
  checkThat(
    joined.length + left.length <= 1,
    `config ${current.configNum} adds groups [${joined.join(', ')}] and removes [${left.join(', ')}] at once`,
  );
  const [newcomer] = joined;
  const [leaver] = left;
  if (newcomer !== undefined) {
    const share = Math.floor(shardCount / current.groups.size);
    const received = current.groups.get(newcomer)?.shards.length ?? 0;
    checkThat(
      received === share && moved === share,
      `joining group ${newcomer} received ${received} shards and ${moved} moved in all: expected ${share} (floor(${shardCount} / ${current.groups.size}))`,
    );
  } else if (leaver !== undefined) {
    const orphans = previous.groups.get(leaver)?.shards.length ?? 0;
    checkThat(
      moved === orphans,
      `leaving group ${leaver} owned ${orphans} shards but ${moved} moved`,
    );
  } else {
    checkThat(
      moved === 1,
      `config ${current.configNum} (a Move) moved ${moved} shards, expected 1`,
    );
  }
}

/** How many shards changed owner from `previous` to `current`. */
export function movedShards(previous: ShardConfig, current: ShardConfig): number {
  let moved = 0;
  for (const [groupId, info] of previous.groups) {
    const kept = new Set(current.groups.get(groupId)?.shards ?? []);
    for (const shard of info.shards) if (!kept.has(shard)) moved++;
  }
  return moved;
}
