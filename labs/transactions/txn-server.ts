import {
  type Address,
  amoCommand,
  type Message,
  type MessageHandlers,
  type Timer,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import type { GroupCommand } from '../shardstore/messages.ts';
import { ShardStoreServer } from '../shardstore/shard-store-server.ts';
import {
  txnKey,
  type TxnDecision,
  type TxnDecisionAck,
  type TxnLogEntry,
  type TxnPrepare,
  type TxnRequest,
  type TxnVote,
} from './messages.ts';
import { TWO_PHASE_RESEND_MILLIS, TXN_TIMEOUT_PERIODS, type TwoPhaseTimer } from './timers.ts';
import { TxnGroupReplica } from './txn-group-replica.ts';
import type { ConcurrencyControl } from './variant.ts';

/**
 * A server of a replica group of the transactional store: part 2's server (configurations and
 * shard moves) with two-phase commit. Every step of 2PC goes through the group's log first —
 * a request begins an attempt, a prepare becomes a vote, a vote or a timeout becomes a
 * decision, a decision becomes writes and unlocked keys — and the messages an entry produces
 * are sent by every server once its log has executed it. Unanswered prepares and decisions are
 * sent again every 50 ms; a coordinator that has not heard every vote within 300 ms proposes to
 * abort the attempt.
 */
export class TxnServer
  extends ShardStoreServer
  implements
    MessageHandlers<TxnRequest | TxnPrepare | TxnVote | TxnDecision | TxnDecisionAck>,
    TimerHandlers<TwoPhaseTimer>
{
  /** Numbers this server's 2PC proposals (distinct commands to Paxos). */
  private proposalNumber = 0;
  /** Resend periods each undecided coordination has waited, by transaction (this server's view). */
  private readonly waited = new Map<string, number>();

  constructor(
    address: Address,
    group: readonly Address[],
    shardMasters: readonly Address[],
    groupId: number,
    shardCount: number,
    variant: PaxosVariant,
    control: ConcurrencyControl,
  ) {
    super(
      address,
      group,
      shardMasters,
      groupId,
      shardCount,
      variant,
      new TxnGroupReplica(groupId, shardCount, control),
    );
  }

  override init(): void {
    super.init();
    this.set({ kind: 'TwoPhaseTimer' }, TWO_PHASE_RESEND_MILLIS);
  }

  override receiveMessage(destination: Address, message: Message, sender: Address): void {
    super.receiveMessage(destination, message, sender);
    this.sendOutbox();
  }

  override receiveTimer(destination: Address, timer: Timer): void {
    super.receiveTimer(destination, timer);
    this.sendOutbox();
  }

  // Clients

  handleTxnRequest(message: TxnRequest, _sender: Address): void {
    const { client, sequenceNumber } = message.command;
    const outcome = this.replica().outcomeOf(client);
    if (
      outcome !== undefined &&
      outcome.outcome !== 'pending' &&
      outcome.sequenceNumber === sequenceNumber &&
      outcome.attempt === message.attempt
    ) {
      this.send(
        {
          kind: 'TxnReply',
          sequenceNumber,
          attempt: message.attempt,
          outcome: outcome.outcome,
          ...(outcome.result === undefined ? {} : { result: outcome.result }),
        },
        client,
      );
      return;
    }
    this.proposeTxn({ kind: 'BeginTxn', request: message });
  }

  // Participants

  handleTxnPrepare(message: TxnPrepare, _sender: Address): void {
    const replica = this.replica();
    if (replica.preparedAttempt(message.txn) === message.attempt) {
      // Voted yes already (the vote was lost): say it again.
      const vote: TxnVote = {
        kind: 'TxnVote',
        txn: message.txn,
        attempt: message.attempt,
        groupId: replica.groupId,
        vote: 'yes',
        reads: replica.preparedReads(message.txn),
      };
      this.broadcast(vote, message.coordinatorServers);
      return;
    }
    if (replica.hasFinished(message.txn, message.attempt)) return;
    this.proposeTxn({ kind: 'PrepareTxn', prepare: message });
  }

  handleTxnDecision(message: TxnDecision, _sender: Address): void {
    const replica = this.replica();
    if (replica.hasFinished(message.txn, message.attempt)) {
      const ack: TxnDecisionAck = {
        kind: 'TxnDecisionAck',
        txn: message.txn,
        attempt: message.attempt,
        groupId: replica.groupId,
      };
      this.broadcast(ack, message.coordinatorServers);
      return;
    }
    this.proposeTxn({ kind: 'ApplyDecision', decision: message });
  }

  // Coordinators

  handleTxnVote(message: TxnVote, _sender: Address): void {
    this.proposeTxn({ kind: 'RecordVote', vote: message });
  }

  handleTxnDecisionAck(message: TxnDecisionAck, _sender: Address): void {
    this.proposeTxn({ kind: 'RecordAck', ack: message });
  }

  onTwoPhaseTimer(timer: TwoPhaseTimer): void {
    const replica = this.replica();
    const live = new Set<string>();
    for (const coordination of replica.coordinated()) {
      const key = txnKey(coordination.txn);
      live.add(key);
      if (coordination.decision === undefined) {
        const waited = (this.waited.get(key) ?? 0) + 1;
        this.waited.set(key, waited);
        if (waited >= TXN_TIMEOUT_PERIODS)
          this.proposeTxn({
            kind: 'TxnTimeout',
            txn: coordination.txn,
            attempt: coordination.attempt,
          });
      }
      for (const { to, message } of replica.unanswered(coordination)) this.broadcast(message, to);
    }
    for (const key of this.waited.keys()) if (!live.has(key)) this.waited.delete(key);
    this.set(timer, TWO_PHASE_RESEND_MILLIS);
  }

  /** Whether this server leads its group's Paxos now (tests crash leaders). */
  isLeader(): boolean {
    return this.paxos.leads();
  }

  /** The group's replicated state as this server has it, to read (never to change). */
  replica(): TxnGroupReplica {
    return this.paxos.replica() as TxnGroupReplica;
  }

  // Utilities

  private proposeTxn(entry: TxnLogEntry): void {
    this.proposalNumber++;
    // The group's log carries part 2's commands and these; the replica tells them apart by kind.
    const command = amoCommand(
      entry as unknown as GroupCommand,
      this.address,
      -this.proposalNumber,
    );
    this.paxos.submit(command, this.address);
  }

  private sendOutbox(): void {
    for (const { to, message } of this.replica().takeOutbox()) this.broadcast(message, to);
  }
}
