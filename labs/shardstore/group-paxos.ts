import type { Address, AMOCommand } from '../../framework/index.ts';
import { PaxosServer } from '../paxos/paxos-server.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import type { GroupReplica } from './group-replica.ts';
import type { GroupCommand } from './messages.ts';
import type { PaxosRequest } from '../paxos/messages.ts';

/**
 * The lab 3 Paxos server as a sub-node of a shard store server (`server1/paxos`), replicating
 * the group's {@link GroupReplica} in place of the key-value store. The protocol code is lab
 * 3's; only the application differs.
 */
export class GroupPaxos extends PaxosServer {
  constructor(
    address: Address,
    servers: readonly Address[],
    variant: PaxosVariant,
    replica: GroupReplica,
  ) {
    super(address, servers, variant);
    // PaxosServer declares its application as the key-value store's, but only calls
    // `execute` and `alreadyExecuted` on it, which GroupReplica has (see
    // shardmaster/shard-master-server.ts): swapped in until the lab 3 server is generic.
    Object.assign(this, { application: replica });
  }

  /** The replicated state, for the parent server to read (never to change). */
  replica(): GroupReplica {
    return this.application as unknown as GroupReplica;
  }

  /**
   * Hands a command to this Paxos server as a request from `sender` would (a leader proposes
   * it; any server answers it if already executed).
   */
  submit(command: AMOCommand<GroupCommand>, sender: Address): void {
    // Lab 3's request type names the KV store's commands; any command travels the same way.
    const request = { kind: 'PaxosRequest', command } as unknown as PaxosRequest;
    this.handlePaxosRequest(request, sender);
  }
}
