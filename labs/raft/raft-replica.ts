import {
  type Address,
  type AMOCommand,
  type AMOResult,
  type Command,
  type MessageHandlers,
  mutableCopy,
  type Result,
} from '../../framework/index.ts';
import type { SlotStatus, PaxosLogInspection } from '../paxos/log-inspection.ts';
import type { PaxosRequest } from '../paxos/messages.ts';
import type { ReplicatedApplication } from '../paxos/replicated-application.ts';
import type { ReplicatedLog } from '../paxos/replicated-log.ts';
import { NO_OP, type NoOp } from './log-entry.ts';
import { RaftPeer, type SnapshotPolicy } from './raft-peer.ts';

/** What a replica's log holds: a client's command as the client sent it, or a leader's no-op. */
export type ReplicatedCommand<C extends Command> = AMOCommand<C> | NoOp;

/** Commands a leader holds in its log uncommitted at most; requests beyond wait for a retry. */
const UNCOMMITTED_MAX = 1000;

/**
 * Raft as a replicated log of any at-most-once application: the same contract as lab 3's Paxos
 * server ({@link ReplicatedLog}), so that the key-value store, a shard master and a lab 4 replica
 * group run on either protocol with the same tests. It speaks lab 3's client protocol
 * (`PaxosRequest` in, `PaxosReply` out), so lab 3's clients talk to it unchanged, and shows its
 * log to tests as lab 3's slots ({@link PaxosLogInspection}): an index is a slot, committed is
 * chosen, compacted into the snapshot is cleared.
 *
 * Every command goes through the log, reads included, so a reply reflects every command
 * committed before it. The application is not persistent: after a restart it is rebuilt from the
 * snapshot and the committed entries after it (see `RaftPeer.init`).
 */
export class RaftReplica<C extends Command, R extends Result, A extends ReplicatedApplication<C, R>>
  extends RaftPeer<ReplicatedCommand<C>, A>
  implements MessageHandlers<PaxosRequest<C>>, ReplicatedLog<C, R, A>, PaxosLogInspection<C>
{
  /**
   * @param application - the replicated application, fresh: every server gets its own, and a
   *   restarted server gets a fresh one (its state comes back from the snapshot and the log)
   */
  constructor(
    address: Address,
    servers: readonly Address[],
    protected application: A,
    snapshotPolicy: SnapshotPolicy | null,
  ) {
    super(address, servers, snapshotPolicy);
  }

  // The replicated-log contract

  replica(): A {
    return this.application;
  }

  /** Whether this server is Raft's leader of its term now. */
  leads(): boolean {
    return this.role() === 'leader';
  }

  /**
   * A command from `sender`: answered at once if the application has executed it, appended to
   * the log if this server leads and the log does not hold it yet, else dropped (the client
   * retries, and finds the leader).
   */
  submit(command: AMOCommand<C>, sender: Address): void {
    if (this.application.alreadyExecuted(command)) {
      // `execute` only looks the result up now.
      const result = this.application.execute(command);
      if (result !== undefined) this.reply(result, sender);
      return;
    }
    if (this.raftRole.kind !== 'leader') return;
    if (this.lastLogIndex() - this.committedIndex >= UNCOMMITTED_MAX) return;
    if (this.isUncommitted(command)) return;
    this.propose(command);
    this.replicateNow();
  }

  handlePaxosRequest(message: PaxosRequest<C>, sender: Address): void {
    this.submit(message.command, sender);
  }

  /** Sends a command's result to its client (lab 3's reply; the key-value server's says more). */
  protected reply(result: AMOResult<R>, client: Address): void {
    this.send({ kind: 'PaxosReply', result }, client);
  }

  // Lab 3's view of the log

  status(slot: number): SlotStatus {
    if (slot <= this.snapshotLastIndex) return 'cleared';
    if (slot <= this.committedIndex) return 'chosen';
    return slot <= this.lastLogIndex() ? 'accepted' : 'empty';
  }

  command(slot: number): AMOCommand<C> | undefined {
    const command = this.commandAt(slot);
    return command === undefined || command.kind === 'NoOp' ? undefined : command;
  }

  firstNonCleared(): number {
    return this.snapshotLastIndex + 1;
  }

  lastNonEmpty(): number {
    return this.lastLogIndex();
  }

  // The service's side of RaftPeer

  /**
   * A new leader cannot count replicas of its predecessors' entries (figure 8): a no-op of its own
   * term commits them with it, so pending requests complete without waiting for a new one.
   */
  protected override onElected(): void {
    this.propose(NO_OP);
  }

  protected applyCommand(_index: number, command: ReplicatedCommand<C>): void {
    if (command.kind === 'NoOp') return;
    const result = this.application.execute(command);
    if (result !== undefined && this.raftRole.kind === 'leader') this.reply(result, command.client);
  }

  protected serviceSnapshot(): A {
    return mutableCopy(this.application);
  }

  /**
   * Takes a snapshot's application. Null comes only from `init` with no snapshot yet, when the
   * application is the constructor's fresh one: there is nothing to restore.
   */
  protected restoreService(state: A | null): void {
    if (state !== null) this.application = mutableCopy(state);
  }

  /** Whether the command is already in the log, not yet committed: its retry adds nothing. */
  private isUncommitted(command: AMOCommand<C>): boolean {
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
