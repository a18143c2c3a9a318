import type { AMOCommand, AMOResult, Command, Result } from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { Ballot } from './ballot.ts';
import type { LogEntry, LoggedCommand, SlotEntry } from './log-entry.ts';

// Messages that carry commands or results are generic in the replicated application's command
// `C` and result `R`; they default to the key-value store's, which lab 3 replicates.

// Clients and servers

/** Client to every server: execute this command (at most once). */
export interface PaxosRequest<C extends Command = KVCommand> {
  readonly kind: 'PaxosRequest';
  readonly command: AMOCommand<C>;
}

/** Server to client: the result of the command with this sequence number. */
export interface PaxosReply<R extends Result = KVResult> {
  readonly kind: 'PaxosReply';
  readonly result: AMOResult<R>;
}

// Phase 1 for every slot at once: the election of a leader

/** Candidate to acceptors: promise `ballot`, and tell me what you accepted from `fromSlot` on. */
export interface Prepare {
  readonly kind: 'Prepare';
  readonly ballot: Ballot;
  readonly fromSlot: number;
}

/**
 * Acceptor to candidate: promised; here is every entry of my log from the slot asked for, by
 * slot. (A Map is canonical in the encoding, whatever order its entries were added in: two
 * acceptors with the same log send the same promise, with no sorting.) (Not named `Promise`,
 * which is JavaScript's.)
 */
export interface PaxosPromise<C extends Command = KVCommand> {
  readonly kind: 'Promise';
  readonly ballot: Ballot;
  readonly entries: ReadonlyMap<number, LogEntry<C>>;
}

// Phase 1 for one slot (basic variant only)

/** Leader to acceptors: promise `ballot` for `slot`, and tell me what you accepted there. */
export interface SlotPrepare {
  readonly kind: 'SlotPrepare';
  readonly ballot: Ballot;
  readonly slot: number;
}

/** Acceptor to leader: promised; this is what I accepted in the slot (null: nothing). */
export interface SlotPromise<C extends Command = KVCommand> {
  readonly kind: 'SlotPromise';
  readonly ballot: Ballot;
  readonly slot: number;
  readonly accepted: LogEntry<C> | null;
}

// Phase 2

/**
 * Leader to acceptors: accept `command` in `slot` in `ballot`. `chosenBelow` is the
 * leader's commit point, piggybacked: every slot below it is chosen.
 */
export interface Accept<C extends Command = KVCommand> {
  readonly kind: 'Accept';
  readonly ballot: Ballot;
  readonly slot: number;
  readonly command: LoggedCommand<C>;
  readonly chosenBelow: number;
}

/** Acceptor to leader: I accepted your commands in these slots, in `ballot`. */
export interface Accepted {
  readonly kind: 'Accepted';
  readonly ballot: Ballot;
  readonly slots: readonly number[];
}

// Learning what was chosen

/** Leader to every server (basic variant): this command was chosen in this slot. */
export interface Decision<C extends Command = KVCommand> {
  readonly kind: 'Decision';
  readonly ballot: Ballot;
  readonly slot: number;
  readonly command: LoggedCommand<C>;
}

/** A slot and the command the leader proposes in it, in a heartbeat's batch. */
export interface Proposal<C extends Command = KVCommand> {
  readonly slot: number;
  readonly command: LoggedCommand<C>;
}

/**
 * Leader to followers, periodically: I am alive and lead `ballot`. It carries the leader's
 * commit point (`chosenBelow`), its garbage-collection point (`clearBelow`) and, in the
 * optimized variant, the batch of proposals not yet chosen, to be accepted again: a lost
 * `Accept` is resent by the next heartbeat.
 */
export interface Heartbeat<C extends Command = KVCommand> {
  readonly kind: 'Heartbeat';
  readonly ballot: Ballot;
  readonly proposals: readonly Proposal<C>[];
  readonly chosenBelow: number;
  readonly clearBelow: number;
}

/**
 * Follower to leader: I accepted these slots of your batch, and executed every slot below
 * `executedBelow`.
 */
export interface HeartbeatReply {
  readonly kind: 'HeartbeatReply';
  readonly ballot: Ballot;
  readonly accepted: readonly number[];
  readonly executedBelow: number;
}

/** Follower to leader: my log has a gap; send me the chosen entries from `fromSlot` on. */
export interface Fetch {
  readonly kind: 'Fetch';
  readonly fromSlot: number;
}

/** Leader to follower: chosen entries, in slot order, from the slot asked for. */
export interface FetchReply<C extends Command = KVCommand> {
  readonly kind: 'FetchReply';
  readonly entries: readonly SlotEntry<C>[];
}

/** Every message a Paxos server handles. */
export type PaxosServerMessage<C extends Command = KVCommand> =
  | PaxosRequest<C>
  | Prepare
  | PaxosPromise<C>
  | SlotPrepare
  | SlotPromise<C>
  | Accept<C>
  | Accepted
  | Decision<C>
  | Heartbeat<C>
  | HeartbeatReply
  | Fetch
  | FetchReply<C>;
