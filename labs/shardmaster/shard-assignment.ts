import type { Address } from '../../framework/index.ts';
import type { ShardConfig } from './results.ts';

/**
 * Which shards each group owns, while a command changes it: group id → its shards, ascending.
 * Every choice below depends only on these values (counts, then group ids, then shard
 * numbers), never on the order a Map or Set happens to iterate in, so every replica that
 * executes the same commands computes the same assignment.
 */
export type Assignment = Map<number, number[]>;

/** A working copy of who owns what in `config`. */
export function assignmentOf(config: ShardConfig): Assignment {
  const assignment: Assignment = new Map();
  for (const [groupId, info] of config.groups) assignment.set(groupId, [...info.shards]);
  return assignment;
}

/** The servers of each group in `config`. */
export function serversOf(config: ShardConfig): Map<number, readonly Address[]> {
  const servers = new Map<number, readonly Address[]>();
  for (const [groupId, info] of config.groups) servers.set(groupId, info.servers);
  return servers;
}

/**
 * Adds `groupId` and gives it its share, floor(N / groups), taken one shard at a time from
 * the group that owns the most (the highest-numbered shard of the lowest such group id). From
 * a balanced assignment that alone leaves it balanced; after Moves it may not, and the rest is
 * evened out by {@link rebalance}.
 */
export function assignJoin(assignment: Assignment, groupId: number, shardCount: number): void {
  const share = Math.floor(shardCount / (assignment.size + 1));
  const received: number[] = [];
  for (let taken = 0; taken < share; taken++) {
    const donor = mostLoaded(assignment);
    const shard = donor?.pop();
    if (shard === undefined) throw new Error('a join found fewer shards than groups need');
    received.push(shard);
  }
  assignment.set(groupId, received.sort(ascending));
  rebalance(assignment, shardCount);
}

/**
 * Removes `groupId` and hands each of its shards, lowest first, to the group that owns the
 * fewest at that moment (the lowest such group id): only the leaver's shards move, and from a
 * balanced assignment the result is balanced; after Moves {@link rebalance} finishes the job.
 */
export function assignLeave(assignment: Assignment, groupId: number, shardCount: number): void {
  const orphans = assignment.get(groupId) ?? [];
  assignment.delete(groupId);
  for (const shard of orphans) {
    const heir = leastLoaded(assignment);
    if (heir === undefined) throw new Error('the last group cannot leave');
    insertSorted(heir, shard);
  }
  rebalance(assignment, shardCount);
}

/** Moves `shard` from whichever group owns it to `groupId`. */
export function assignMove(assignment: Assignment, groupId: number, shard: number): void {
  for (const shards of assignment.values()) {
    const index = shards.indexOf(shard);
    if (index >= 0) shards.splice(index, 1);
  }
  const recipient = assignment.get(groupId);
  if (recipient === undefined) throw new Error(`no group ${groupId} to move shard ${shard} to`);
  insertSorted(recipient, shard);
}

/**
 * Moves one shard at a time from the most loaded group to the least loaded until their counts
 * differ by at most one. Each move lowers the sum of squared counts by at least 2, so the loop
 * ends; on an assignment already balanced it moves nothing.
 */
export function rebalance(assignment: Assignment, shardCount: number): void {
  const movesMax = shardCount * shardCount;
  for (let moves = 0; ; moves++) {
    if (moves > movesMax) throw new Error('rebalancing did not converge');
    const donor = mostLoaded(assignment);
    const recipient = leastLoaded(assignment);
    if (donor === undefined || recipient === undefined || donor.length - recipient.length <= 1)
      return;
    const shard = donor.pop();
    if (shard !== undefined) insertSorted(recipient, shard);
  }
}

/** The shards of the group owning the most, ties to the lowest group id. */
function mostLoaded(assignment: Assignment): number[] | undefined {
  return extreme(assignment, (count, best) => count > best);
}

/** The shards of the group owning the fewest, ties to the lowest group id. */
function leastLoaded(assignment: Assignment): number[] | undefined {
  return extreme(assignment, (count, best) => count < best);
}

function extreme(
  assignment: Assignment,
  better: (count: number, best: number) => boolean,
): number[] | undefined {
  let bestId: number | undefined;
  let best: number[] | undefined;
  for (const [groupId, shards] of assignment) {
    const wins =
      best === undefined ||
      better(shards.length, best.length) ||
      (shards.length === best.length && groupId < (bestId ?? groupId));
    if (wins) {
      bestId = groupId;
      best = shards;
    }
  }
  return best;
}

function insertSorted(shards: number[], shard: number): void {
  let index = shards.length;
  while (index > 0 && (shards[index - 1] ?? 0) > shard) index--;
  shards.splice(index, 0, shard);
}

function ascending(a: number, b: number): number {
  return a - b;
}
