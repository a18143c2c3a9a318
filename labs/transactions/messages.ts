import type { Address, AMOCommand } from '../../framework/index.ts';
import type { ReadValues, TxnCommand, TxnResult, WriteValues } from '../kvstore/index.ts';

/**
 * A transaction's identity: its client and the client's sequence number. Retries of the same
 * transaction after an abort keep it and count up the attempt.
 */
export interface TxnId {
  readonly client: Address;
  readonly sequenceNumber: number;
}

/** The one string a transaction is known by in the groups' tables: `client#sequenceNumber`. */
export function txnKey(txn: TxnId): string {
  return `${txn.client}#${txn.sequenceNumber}`;
}

/**
 * Client to every server of the transaction's home group (the owner of its first key's shard,
 * which coordinates it): run attempt `attempt` of this transaction.
 */
export interface TxnRequest {
  readonly kind: 'TxnRequest';
  readonly command: AMOCommand<TxnCommand>;
  readonly attempt: number;
}

/**
 * A group's answer to a client: the transaction committed (with its result), the attempt
 * aborted (try again with the next attempt), or this group is not its home (ask the shard
 * masters).
 */
export interface TxnReply {
  readonly kind: 'TxnReply';
  readonly sequenceNumber: number;
  readonly attempt: number;
  readonly outcome: 'committed' | 'aborted' | 'wrong-group';
  readonly result?: TxnResult;
}

/**
 * Phase 1, coordinator group to every server of a participant group: lock (and read) your
 * keys of this transaction and vote. `configNum` is the coordinator's configuration: a
 * participant in another one votes no.
 */
export interface TxnPrepare {
  readonly kind: 'TxnPrepare';
  readonly txn: TxnId;
  readonly attempt: number;
  readonly configNum: number;
  readonly coordinator: number;
  /** Where to send the vote: the coordinator group's servers. */
  readonly coordinatorServers: readonly Address[];
  readonly command: TxnCommand;
  /** This participant's keys of the transaction. */
  readonly keys: readonly string[];
}

/**
 * A participant's vote, sent once its log has recorded it: `yes` with the values of its keys
 * in the read set (locked until the decision), `no`, or `done`: this transaction already
 * committed here (its write shards' exactly-once tables have it), so a retry at a new
 * coordinator must not write again.
 */
export interface TxnVote {
  readonly kind: 'TxnVote';
  readonly txn: TxnId;
  readonly attempt: number;
  readonly groupId: number;
  readonly vote: 'yes' | 'no' | 'done';
  readonly reads: ReadValues;
}

/**
 * Phase 2, coordinator to every server of a participant, once the decision is in the
 * coordinator's log: commit (with this participant's writes) or abort; release the locks.
 */
export interface TxnDecision {
  readonly kind: 'TxnDecision';
  readonly txn: TxnId;
  readonly attempt: number;
  readonly coordinator: number;
  readonly coordinatorServers: readonly Address[];
  readonly commit: boolean;
  readonly writes: WriteValues;
}

/** Participant to coordinator: the decision is in my log; stop sending it. */
export interface TxnDecisionAck {
  readonly kind: 'TxnDecisionAck';
  readonly txn: TxnId;
  readonly attempt: number;
  readonly groupId: number;
}

/** Messages between the groups of a transaction. */
export type TwoPhaseMessage = TxnPrepare | TxnVote | TxnDecision | TxnDecisionAck;

// What the groups' logs hold besides the sharded store's own entries.

/** Coordinator's log: begin this attempt (or execute it at once if one group holds every key). */
export interface BeginTxn {
  readonly kind: 'BeginTxn';
  readonly request: TxnRequest;
}
/** Participant's log: vote on a prepare. */
export interface PrepareTxn {
  readonly kind: 'PrepareTxn';
  readonly prepare: TxnPrepare;
}
/** Coordinator's log: a participant's vote. */
export interface RecordVote {
  readonly kind: 'RecordVote';
  readonly vote: TxnVote;
}
/** Coordinator's log: no decision came in time; abort this attempt if it is still undecided. */
export interface TxnTimeout {
  readonly kind: 'TxnTimeout';
  readonly txn: TxnId;
  readonly attempt: number;
}
/** Participant's log: apply the coordinator's decision and release the locks. */
export interface ApplyDecision {
  readonly kind: 'ApplyDecision';
  readonly decision: TxnDecision;
}
/** Coordinator's log: a participant has the decision. */
export interface RecordAck {
  readonly kind: 'RecordAck';
  readonly ack: TxnDecisionAck;
}

/** The two-phase commit state a group keeps in its log. */
export type TxnLogEntry =
  BeginTxn | PrepareTxn | RecordVote | TxnTimeout | ApplyDecision | RecordAck;
