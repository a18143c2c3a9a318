import type { Address, Node } from '../../framework/index.ts';
import type { ConsensusProtocol, ReplicatedLog } from '../paxos/replicated-log.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import { RaftReplica } from '../raft/raft-replica.ts';
import { GroupPaxos } from './group-paxos.ts';
import type { GroupReplica } from './group-replica.ts';
import type { GroupCommand, ShardStoreResult } from './messages.ts';

/**
 * A replica group's consensus sub-node, whichever protocol it runs: the replicated-log contract
 * over the group's {@link GroupReplica}. The shard store server only submits commands to it and
 * reads its replica, so it runs unchanged on Paxos or Raft.
 */
export type GroupConsensus = Node & ReplicatedLog<GroupCommand, ShardStoreResult, GroupReplica>;

/**
 * A replica group on Raft snapshots after every applied entry: a departed shard's data must leave
 * the server once its DeleteShard executes (test 2.16 looks for any copy), and a snapshot taken
 * entries earlier would keep it until the next one, however long the group stays idle.
 */
const GROUP_SNAPSHOT_ENTRIES = 1;

/** The Raft lab's replica as a sub-node of a shard store server (`server1/paxos`). */
export class GroupRaft extends RaftReplica<GroupCommand, ShardStoreResult, GroupReplica> {
  constructor(address: Address, servers: readonly Address[], replica: GroupReplica) {
    super(address, servers, replica, { everyEntries: GROUP_SNAPSHOT_ENTRIES });
  }
}

/**
 * The consensus sub-node of one group server: lab 3's Paxos server in the given variant, or the
 * Raft replica (which has no variants).
 */
export function groupConsensus(
  protocol: ConsensusProtocol,
  address: Address,
  servers: readonly Address[],
  variant: PaxosVariant,
  replica: GroupReplica,
): GroupConsensus {
  return protocol === 'raft'
    ? new GroupRaft(address, servers, replica)
    : new GroupPaxos(address, servers, variant, replica);
}
