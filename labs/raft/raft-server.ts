import {
  type Address,
  AMOApplication,
  type AMOCommand,
  type MessageHandlers,
  mutableCopy,
} from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../kvstore/index.ts';
import { NO_OP, type NoOp } from './log-entry.ts';
import type { RaftRequest } from './messages.ts';
import { RaftPeer, type SnapshotPolicy } from './raft-peer.ts';

/** What the key-value server's log holds: a client's command as the client sent it, or a no-op. */
export type KVLoggedCommand = AMOCommand<KVCommand> | NoOp;

/** The key-value server's snapshot: the at-most-once store, results table included. */
export type KVSnapshot = AMOApplication<KVCommand, KVResult>;

/** The key-value server snapshots every 100 entries unless told otherwise. */
export const KV_SNAPSHOT_POLICY: SnapshotPolicy = { everyEntries: 100 };

/** Commands a leader holds in its log uncommitted at most; requests beyond wait for a retry. */
const UNCOMMITTED_MAX = 1000;

/**
 * The key-value store replicated by Raft. Every command goes through the log, reads included,
 * so a reply reflects every write committed before it (linearizable reads through the log).
 * The leader replies when it applies a command; any server answers a retry of a command it has
 * already applied.
 */
export class RaftServer
  extends RaftPeer<KVLoggedCommand, KVSnapshot>
  implements MessageHandlers<RaftRequest>
{
  /** Rebuilt after a restart from the snapshot and the committed log (see RaftPeer.init). */
  protected application = new AMOApplication<KVCommand, KVResult>(new KVStore());

  constructor(
    address: Address,
    servers: readonly Address[],
    snapshotPolicy: SnapshotPolicy | null = KV_SNAPSHOT_POLICY,
  ) {
    super(address, servers, snapshotPolicy);
  }

  handleRaftRequest(message: RaftRequest, sender: Address): void {
    const command = message.command;
    if (this.application.alreadyExecuted(command)) {
      const result = this.application.execute(command);
      if (result !== undefined)
        this.send({ kind: 'RaftReply', result, leader: this.address }, sender);
      return;
    }
    if (this.raftRole.kind !== 'leader') return;
    if (this.lastLogIndex() - this.committedIndex >= UNCOMMITTED_MAX) return;
    if (this.isUncommitted(command)) return;
    this.propose(command);
    this.replicateNow();
  }

  /**
   * A new leader cannot count replicas of its predecessors' entries (figure 8): a no-op of its own
   * term commits them with it, so pending requests complete without waiting for a new one.
   */
  protected override onElected(): void {
    this.propose(NO_OP);
  }

  protected applyCommand(_index: number, command: KVLoggedCommand): void {
    if (command.kind === 'NoOp') return;
    const result = this.application.execute(command);
    if (result !== undefined && this.raftRole.kind === 'leader')
      this.send({ kind: 'RaftReply', result, leader: this.address }, command.client);
  }

  protected serviceSnapshot(): KVSnapshot {
    return mutableCopy(this.application);
  }

  protected restoreService(state: KVSnapshot | null): void {
    this.application =
      state === null ? new AMOApplication<KVCommand, KVResult>(new KVStore()) : mutableCopy(state);
  }

  /** Whether the command is already in the log, not yet committed: its retry adds nothing. */
  private isUncommitted(command: AMOCommand<KVCommand>): boolean {
    for (let index = this.committedIndex + 1; index <= this.lastLogIndex(); index++) {
      const logged = this.commandAt(index);
      if (
        logged?.kind === 'AMOCommand' &&
        logged.client === command.client &&
        logged.sequenceNumber === command.sequenceNumber
      )
        return true;
    }
    return false;
  }
}
