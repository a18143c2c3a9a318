import type { Address, AMOCommand, Command } from '../../framework/index.ts';
import type { KVCommand } from '../kvstore/index.ts';
import type { LogEntry } from './log-entry.ts';

/** A follower: it accepts what the leader of its ballot proposes, and watches that leader. */
export interface Follower {
  readonly kind: 'follower';
  /** Whether it heard from its leader (or a candidate) since its election timer last fired. */
  leaderSeen: boolean;
}

/** A candidate: it asked every acceptor to promise its ballot, and collects the promises. */
export interface Candidate<C extends Command = KVCommand> {
  readonly kind: 'candidate';
  /** The first slot the election covers: the candidate's first slot not yet executed. */
  readonly fromSlot: number;
  /** Who promised, sorted (so that the same promises in any order are the same state). */
  readonly promisedBy: Address[];
  /**
   * For each slot, the entry that decides what the new leader proposes there: a chosen one, else
   * the highest-ballot one.
   */
  readonly merged: Map<number, LogEntry<C>>;
}

/** The leader's phase 1 for one slot, in the basic variant. */
export interface SlotPreparation<C extends Command = KVCommand> {
  readonly slot: number;
  /** The client command the leader wants to place in the slot. */
  readonly command: AMOCommand<C>;
  readonly promisedBy: Address[];
  /**
   * The entry to propose instead, if an acceptor reported one: a chosen one, else the
   * highest-ballot one.
   */
  highest: LogEntry<C> | null;
}

/** The leader of the current ballot. */
export interface Leader<C extends Command = KVCommand> {
  readonly kind: 'leader';
  /** The next slot to propose in. */
  nextSlot: number;
  /** For each slot proposed and not yet chosen, who accepted it in this ballot (sorted). */
  readonly votes: Map<number, Address[]>;
  /**
   * For each server, the slot below which it reported having executed everything (garbage
   * collection).
   */
  readonly executedBelowByServer: Map<Address, number>;
  /** Basic variant: client commands waiting for their turn, oldest first. */
  readonly queue: AMOCommand<C>[];
  /** Basic variant: the slot in phase 1, if any. */
  preparing: SlotPreparation<C> | null;
}

/** What a server is doing in the current ballot. */
export type Role<C extends Command = KVCommand> = Follower | Candidate<C> | Leader<C>;

/** Inserts an address into a sorted list unless present; returns whether it was added. */
export function addVoter(voters: Address[], voter: Address): boolean {
  let index = 0;
  while (index < voters.length && (voters[index] as Address) < voter) index++;
  if (voters[index] === voter) return false;
  voters.splice(index, 0, voter);
  return true;
}

/** A new leader's role: nothing proposed yet, nothing heard from the others. */
export function leaderRole<C extends Command>(nextSlot: number): Leader<C> {
  return {
    kind: 'leader',
    nextSlot,
    votes: new Map(),
    executedBelowByServer: new Map(),
    queue: [],
    preparing: null,
  };
}
