import {
  type Address,
  AMOApplication,
  type AMOResult,
  type MessageHandlers,
} from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../kvstore/index.ts';
import type { RaftRequest } from './messages.ts';
import type { SnapshotPolicy } from './raft-peer.ts';
import { RaftReplica } from './raft-replica.ts';

/** The key-value server snapshots every 100 entries unless told otherwise. */
export const KV_SNAPSHOT_POLICY: SnapshotPolicy = { everyEntries: 100 };

/**
 * The key-value store replicated by Raft: a {@link RaftReplica} of the at-most-once store, with
 * the Raft lab's own client protocol, whose replies name the leader so that a client sends its
 * next command there first. Every command goes through the log, reads included (linearizable
 * reads through the log). The leader replies when it applies a command; any server answers a
 * retry of a command it has already applied.
 */
export class RaftServer
  extends RaftReplica<KVCommand, KVResult, AMOApplication<KVCommand, KVResult>>
  implements MessageHandlers<RaftRequest>
{
  constructor(
    address: Address,
    servers: readonly Address[],
    snapshotPolicy: SnapshotPolicy | null = KV_SNAPSHOT_POLICY,
  ) {
    super(address, servers, new AMOApplication<KVCommand, KVResult>(new KVStore()), snapshotPolicy);
  }

  handleRaftRequest(message: RaftRequest, sender: Address): void {
    this.submit(message.command, sender);
  }

  protected override reply(result: AMOResult<KVResult>, client: Address): void {
    this.send({ kind: 'RaftReply', result, leader: this.address }, client);
  }
}
