import type { Address, AMOCommand } from '../../framework/index.ts';
import { PaxosServer } from '../paxos/paxos-server.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import type { GroupReplica } from './group-replica.ts';
import type { GroupCommand, ShardStoreResult } from './messages.ts';

/**
 * The lab 3 Paxos server as a sub-node of a shard store server (`server1/paxos`), replicating
 * the group's {@link GroupReplica} in place of the key-value store. The protocol code is lab
 * 3's; only the application differs.
 */
export class GroupPaxos extends PaxosServer<GroupCommand, ShardStoreResult, GroupReplica> {
  constructor(
    address: Address,
    servers: readonly Address[],
    variant: PaxosVariant,
    replica: GroupReplica,
  ) {
    super(address, servers, variant, replica);
  }

  /** The replicated state, for the parent server to read (never to change). */
  replica(): GroupReplica {
    return this.application;
  }

  /**
   * Hands a command to this Paxos server as a request from `sender` would (a leader proposes
   * it; any server answers it if already executed).
   */
  submit(command: AMOCommand<GroupCommand>, sender: Address): void {
    this.handlePaxosRequest({ kind: 'PaxosRequest', command }, sender);
  }
}
