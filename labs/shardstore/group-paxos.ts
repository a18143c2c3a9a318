import type { Address } from '../../framework/index.ts';
import { PaxosServer } from '../paxos/paxos-server.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import type { GroupReplica } from './group-replica.ts';
import type { GroupCommand, ShardStoreResult } from './messages.ts';

/**
 * The lab 3 Paxos server as a sub-node of a shard store server (`server1/paxos`), replicating
 * the group's {@link GroupReplica} in place of the key-value store. The protocol code is lab
 * 3's; only the application differs. Its `submit` and `replica` are the replicated-log contract
 * (`labs/paxos/replicated-log.ts`), which the Raft group (`group-consensus.ts`) implements too.
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
}
