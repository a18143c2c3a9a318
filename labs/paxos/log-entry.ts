import type { AMOCommand, Command } from '../../framework/index.ts';
import type { KVCommand } from '../kvstore/index.ts';
import { compareBallots, type Ballot } from './ballot.ts';

/**
 * What a new leader proposes for a slot that no acceptor it heard from has accepted
 * anything in: a command that does nothing. It closes the hole so that the slots after it
 * can be executed.
 */
export interface NoOp {
  readonly kind: 'NoOp';
}

/** The one no-op value. */
export const NO_OP: NoOp = { kind: 'NoOp' };

/**
 * What a slot of the log holds: a client's command exactly as the client sent it, or a no-op.
 * `C` is the replicated application's command (by default the key-value store's).
 */
export type LoggedCommand<C extends Command = KVCommand> = AMOCommand<C> | NoOp;

/**
 * One slot of a server's log. As an acceptor, the server accepted `command` in `ballot`;
 * `chosen` records that it also knows the command was chosen (a fact that never changes).
 * Entries are replaced, never modified (nothing needs freezing: the engine copies a node for
 * each event, and sent messages are frozen by `send`).
 */
export interface LogEntry<C extends Command = KVCommand> {
  readonly ballot: Ballot;
  readonly command: LoggedCommand<C>;
  readonly chosen: boolean;
}

/** A log entry with its slot number, as messages carry them. */
export interface SlotEntry<C extends Command = KVCommand> extends LogEntry<C> {
  readonly slot: number;
}

/** A log entry. */
export function logEntry<C extends Command>(
  ballot: Ballot,
  command: LoggedCommand<C>,
  chosen: boolean,
): LogEntry<C> {
  return { ballot, command, chosen };
}

/**
 * Whether two logged commands are the same command (the same client and sequence number, or both
 * no-ops).
 */
export function sameCommand(a: LoggedCommand<Command>, b: LoggedCommand<Command>): boolean {
  if (a.kind === 'NoOp' || b.kind === 'NoOp') return a.kind === b.kind;
  return a.client === b.client && a.sequenceNumber === b.sequenceNumber;
}

/**
 * Of two entries reported for one slot, the one whose command a new leader must propose:
 * a chosen one if any (it can be nothing else), else the one accepted in the higher ballot.
 * By Paxos's safety argument, that is the only command that may already be chosen there.
 */
export function preferredEntry<C extends Command>(
  current: LogEntry<C> | null | undefined,
  reported: LogEntry<C>,
): LogEntry<C> {
  if (current === null || current === undefined) return reported;
  if (current.chosen) return current;
  if (reported.chosen) return reported;
  return compareBallots(reported.ballot, current.ballot) > 0 ? reported : current;
}
