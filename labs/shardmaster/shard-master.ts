import { type Address, type Application, registerStateClass } from '../../framework/index.ts';
import type { Join, Leave, Move, Query, ShardMasterCommand } from './commands.ts';
import {
  ok,
  ownerOf,
  shardMasterError,
  type GroupInfo,
  type ShardConfig,
  type ShardMasterResult,
} from './results.ts';
import {
  assignJoin,
  assignLeave,
  assignMove,
  assignmentOf,
  serversOf,
  type Assignment,
} from './shard-assignment.ts';

/** Thrown when a shard master is built for a shard count that is not a positive integer. */
export class InvalidShardCountError extends Error {
  override readonly name = 'InvalidShardCountError';
}

/**
 * The shard master: which replica group owns each of the shards 1..N, as a numbered sequence
 * of configurations. It is a deterministic {@link Application}: the lab 3 Paxos servers
 * replicate it exactly as they replicate the key-value store, and every replica that executes
 * the same commands holds the same configurations. See the lab's README.
 */
export class ShardMaster implements Application<ShardMasterCommand, ShardMasterResult> {
  /** Every configuration so far; configuration n is at index n. Each one is frozen. */
  protected readonly configs: ShardConfig[] = [];

  constructor(readonly shardCount: number) {
    if (!Number.isInteger(shardCount) || shardCount < 1)
      throw new InvalidShardCountError(
        `a shard master needs a positive whole number of shards, not ${shardCount}`,
      );
  }

  execute(command: ShardMasterCommand): ShardMasterResult {
    switch (command.kind) {
      case 'Join':
        return this.join(command);
      case 'Leave':
        return this.leave(command);
      case 'Move':
        return this.move(command);
      case 'Query':
        return this.query(command);
    }
  }

  protected join({ groupId, servers: given }: Join): ShardMasterResult {
    const latest = this.latest();
    const servers = [...given].sort();
    if (latest === undefined) {
      const everyShard = Array.from({ length: this.shardCount }, (_, index) => index + 1);
      return this.record(new Map([[groupId, everyShard]]), new Map([[groupId, servers]]));
    }
    if (latest.groups.has(groupId)) return shardMasterError();
    const assignment = assignmentOf(latest);
    assignJoin(assignment, groupId, this.shardCount);
    return this.record(assignment, serversOf(latest).set(groupId, servers));
  }

  protected leave({ groupId }: Leave): ShardMasterResult {
    const latest = this.latest();
    // The last group may not leave: its shards would have no owner, and their data nowhere
    // to go.
    if (latest?.groups.has(groupId) !== true || latest.groups.size === 1) return shardMasterError();
    const assignment = assignmentOf(latest);
    assignLeave(assignment, groupId, this.shardCount);
    const servers = serversOf(latest);
    servers.delete(groupId);
    return this.record(assignment, servers);
  }

  protected move({ groupId, shard }: Move): ShardMasterResult {
    const latest = this.latest();
    if (
      latest?.groups.has(groupId) !== true ||
      !Number.isInteger(shard) ||
      shard < 1 ||
      shard > this.shardCount ||
      ownerOf(latest, shard) === groupId
    )
      return shardMasterError();
    const assignment = assignmentOf(latest);
    assignMove(assignment, groupId, shard);
    return this.record(assignment, serversOf(latest));
  }

  protected query({ configNum }: Query): ShardMasterResult {
    const latest = this.latest();
    if (latest === undefined || !Number.isInteger(configNum)) return shardMasterError();
    if (configNum < 0) return latest;
    return this.configs[configNum] ?? latest;
  }

  protected latest(): ShardConfig | undefined {
    return this.configs[this.configs.length - 1];
  }

  /** Appends the next configuration; groups are listed in ascending id order. */
  protected record(
    assignment: Assignment,
    servers: ReadonlyMap<number, readonly Address[]>,
  ): ShardMasterResult {
    const groups = new Map<number, GroupInfo>();
    for (const groupId of [...assignment.keys()].sort((a, b) => a - b))
      groups.set(groupId, {
        servers: servers.get(groupId) ?? [],
        shards: assignment.get(groupId) ?? [],
      });
    this.configs.push({ kind: 'ShardConfig', configNum: this.configs.length, groups });
    return ok();
  }
}
registerStateClass('ShardMaster', ShardMaster);
