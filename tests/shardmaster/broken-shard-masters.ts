import { registerStateClass } from '../../framework/index.ts';
import type { Join, Leave, Move, Query } from '../../labs/shardmaster/commands.ts';
import type { ShardMasterImplementation } from '../../labs/shardmaster/implementation.ts';
import {
  ok,
  ownerOf,
  shardMasterError,
  type ShardMasterResult,
} from '../../labs/shardmaster/results.ts';
import {
  assignMove,
  assignmentOf,
  rebalance,
  serversOf,
  type Assignment,
} from '../../labs/shardmaster/shard-assignment.ts';
import { ShardMaster } from '../../labs/shardmaster/shard-master.ts';

/** Deals every shard out again, round-robin over the groups in id order: balanced, not minimal. */
function dealAnew(groupIds: Iterable<number>, shardCount: number): Assignment {
  const ids = [...groupIds].sort((a, b) => a - b);
  const assignment: Assignment = new Map(ids.map((groupId) => [groupId, []]));
  for (let shard = 1; shard <= shardCount; shard++)
    assignment.get(ids[(shard - 1) % ids.length] ?? 0)?.push(shard);
  return assignment;
}

/** A Join that deals every shard out again: balanced, but most shards change owner. */
class ReshufflingJoin extends ShardMaster {
  protected override join(command: Join): ShardMasterResult {
    const latest = this.latest();
    if (latest === undefined) return super.join(command);
    if (latest.groups.has(command.groupId)) return shardMasterError();
    const servers = serversOf(latest).set(command.groupId, command.servers);
    // BUG: minimal movement ignored.
    return this.record(dealAnew(servers.keys(), this.shardCount), servers);
  }
}

/** A Leave that deals every shard out again rather than only the leaver's. */
class ReshufflingLeave extends ShardMaster {
  protected override leave(command: Leave): ShardMasterResult {
    const latest = this.latest();
    if (latest?.groups.has(command.groupId) !== true || latest.groups.size === 1)
      return shardMasterError();
    const servers = serversOf(latest);
    servers.delete(command.groupId);
    // BUG: minimal movement ignored.
    return this.record(dealAnew(servers.keys(), this.shardCount), servers);
  }
}

/**
 * Shared by every instance, as a Java `static` field would be: the tie-break turns on it, so
 * two fresh instances given the same commands disagree.
 */
let tieBreakTurn = 0;

/**
 * A Join that takes each shard from one of the most loaded groups, chosen by a counter that
 * outlives the instance (a "round-robin" tie-break kept in the wrong place).
 */
class RotatingTieBreak extends ShardMaster {
  protected override join(command: Join): ShardMasterResult {
    const latest = this.latest();
    if (latest === undefined || latest.groups.has(command.groupId)) return super.join(command);
    const assignment = assignmentOf(latest);
    const share = Math.floor(this.shardCount / (assignment.size + 1));
    const received: number[] = [];
    for (let taken = 0; taken < share; taken++) {
      const most = Math.max(...[...assignment.values()].map((shards) => shards.length));
      const tied = [...assignment.values()].filter((shards) => shards.length === most);
      // BUG: the choice among equals depends on history outside this instance.
      const donor = tied[tieBreakTurn++ % tied.length];
      const shard = donor?.pop();
      if (shard !== undefined) received.push(shard);
    }
    assignment.set(
      command.groupId,
      received.sort((a, b) => a - b),
    );
    rebalance(assignment, this.shardCount);
    return this.record(assignment, serversOf(latest).set(command.groupId, command.servers));
  }
}

/** Query(-1) answers the first configuration rather than the latest. */
class FirstForLatest extends ShardMaster {
  protected override query(command: Query): ShardMasterResult {
    // BUG: negative numbers read as "the first".
    return super.query(command.configNum < 0 ? { kind: 'Query', configNum: 0 } : command);
  }
}

/** A Query past the latest configuration is refused rather than answered with the latest. */
class StrictQuery extends ShardMaster {
  protected override query(command: Query): ShardMasterResult {
    // BUG: "past the latest" is not an error.
    if (command.configNum >= this.configs.length) return shardMasterError();
    return super.query(command);
  }
}

/** A Leave that removes the group but leaves its shards without an owner. */
class OrphaningLeave extends ShardMaster {
  protected override leave(command: Leave): ShardMasterResult {
    const latest = this.latest();
    if (latest?.groups.has(command.groupId) !== true) return shardMasterError();
    const assignment = assignmentOf(latest);
    const servers = serversOf(latest);
    // BUG: the leaver's shards are dropped with it.
    assignment.delete(command.groupId);
    servers.delete(command.groupId);
    return this.record(assignment, servers);
  }
}

/** A Join of a group already present is accepted: it replaces the group's servers. */
class RejoiningJoin extends ShardMaster {
  protected override join(command: Join): ShardMasterResult {
    const latest = this.latest();
    if (latest === undefined || !latest.groups.has(command.groupId)) return super.join(command);
    // BUG: should be an Error.
    return this.record(
      assignmentOf(latest),
      serversOf(latest).set(command.groupId, command.servers),
    );
  }
}

/** A Move to the shard's current owner, or of a shard outside 1..N, is accepted. */
class LaxMove extends ShardMaster {
  protected override move(command: Move): ShardMasterResult {
    const latest = this.latest();
    if (latest?.groups.has(command.groupId) !== true) return shardMasterError();
    // BUG: no check of the shard number, nor of its owner.
    const assignment = assignmentOf(latest);
    if (ownerOf(latest, command.shard) !== command.groupId)
      assignMove(assignment, command.groupId, command.shard);
    this.record(assignment, serversOf(latest));
    return ok();
  }
}

/** A Join after Moves gives the newcomer its share but does not even out the rest. */
class NoRebalance extends ShardMaster {
  protected override join(command: Join): ShardMasterResult {
    const latest = this.latest();
    if (latest === undefined || latest.groups.has(command.groupId)) return super.join(command);
    const assignment = assignmentOf(latest);
    const share = Math.floor(this.shardCount / (assignment.size + 1));
    const received: number[] = [];
    for (let taken = 0; taken < share; taken++) {
      const donor = [...assignment.values()].reduce((a, b) => (b.length > a.length ? b : a));
      const shard = donor.pop();
      if (shard !== undefined) received.push(shard);
    }
    // BUG: no rebalancing pass.
    assignment.set(
      command.groupId,
      received.sort((a, b) => a - b),
    );
    return this.record(assignment, serversOf(latest).set(command.groupId, command.servers));
  }
}

/** Configurations are numbered from 1: the first Join creates "config 1". */
class OffByOneNumbering extends ShardMaster {
  protected override query(command: Query): ShardMasterResult {
    const result = super.query(command);
    // BUG: the numbering starts one too late.
    return result.kind === 'ShardConfig' ? { ...result, configNum: result.configNum + 1 } : result;
  }
}

function implementation(shardMaster: new (shardCount: number) => ShardMaster) {
  const registered = registerStateClass(`broken ${shardMaster.name}`, shardMaster);
  const result: ShardMasterImplementation = {
    shardMaster: (shardCount) => new registered(shardCount),
  };
  return result;
}

export const reshufflingJoin = implementation(ReshufflingJoin);
export const reshufflingLeave = implementation(ReshufflingLeave);
export const rotatingTieBreak = implementation(RotatingTieBreak);
export const firstForLatest = implementation(FirstForLatest);
export const strictQuery = implementation(StrictQuery);
export const orphaningLeave = implementation(OrphaningLeave);
export const rejoiningJoin = implementation(RejoiningJoin);
export const laxMove = implementation(LaxMove);
export const noRebalance = implementation(NoRebalance);
export const offByOneNumbering = implementation(OffByOneNumbering);
