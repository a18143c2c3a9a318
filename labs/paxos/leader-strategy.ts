import type { Address, AMOCommand, Command } from '../../framework/index.ts';
import type { Ballot } from './ballot.ts';
import type { LogEntry, LoggedCommand } from './log-entry.ts';
import type { PaxosServerMessage, Proposal, SlotPromise } from './messages.ts';
import type { Leader, Role } from './role.ts';

/**
 * What a leader strategy may use of its server (`paxos-server.ts`): the acceptor's ballot and
 * log, the replica's execution point, and the shared steps of phases 1 and 2.
 */
export interface PaxosCore<C extends Command> {
  readonly address: Address;
  /** The highest ballot this server promised; a leader leads it. */
  readonly ballot: Ballot;
  /** What this server accepted in each slot (and knows chosen), by slot. */
  readonly log: ReadonlyMap<number, LogEntry<C>>;
  /** Every slot below this one is chosen and executed. */
  readonly executedBelow: number;
  /** What this server does in the current ballot. */
  readonly role: Role<C>;
  /** Whether the replicated application has already executed this command. */
  alreadyExecuted(command: AMOCommand<C>): boolean;
  /** Phase 2 for one slot: accept the command here, and ask the other servers to. */
  propose(leader: Leader<C>, slot: number, command: LoggedCommand<C>): void;
  /** Executes the chosen slots in order, as far as there is no gap. */
  executeChosen(): void;
  /** Of two entries reported for one slot in phase 1, the one a new proposal must carry. */
  preferred(current: LogEntry<C> | null | undefined, reported: LogEntry<C>): LogEntry<C>;
  /** How many servers, this one included, must promise a ballot in phase 1. */
  phaseOneQuorum(): number;
  /** Sends a message to every other server of the group, except those in `skipping`. */
  sendToOthers(message: PaxosServerMessage<C>, skipping?: readonly Address[]): void;
}

/**
 * What the two variants' leaders do differently: how a client's command becomes a proposal,
 * and what follows a decision and a heartbeat tick. Everything else — the acceptor, the
 * replica, elections, heartbeats, catching up and garbage collection — is the server's, shared
 * (`paxos-server.ts`). `basic-leader.ts` and `optimized-leader.ts` implement it.
 *
 * A strategy keeps no state of its own: what a leader remembers is in its {@link Leader} role,
 * part of the server's state.
 */
export interface LeaderStrategy {
  /**
   * A client's command reached the leader; it is not executed, not in a slot in flight and not
   * held ({@link holds}). Propose it, keep it for later, or drop it (the client retries).
   */
  takeCommand<C extends Command>(
    server: PaxosCore<C>,
    leader: Leader<C>,
    command: AMOCommand<C>,
  ): void;
  /** Whether the leader holds this command, not yet proposed, for later. */
  holds<C extends Command>(leader: Leader<C>, command: AMOCommand<C>): boolean;
  /** The leader made progress (votes counted, leadership taken): start what waited for it. */
  proceed<C extends Command>(server: PaxosCore<C>, leader: Leader<C>): void;
  /** The leader's own ballot chose `command` in `slot` (the server has marked it chosen). */
  chosen<C extends Command>(server: PaxosCore<C>, slot: number, command: LoggedCommand<C>): void;
  /** A promise for one slot (phase 1 of a single slot), in the leader's ballot. */
  handleSlotPromise<C extends Command>(
    server: PaxosCore<C>,
    leader: Leader<C>,
    message: SlotPromise<C>,
    sender: Address,
  ): void;
  /**
   * The heartbeat tick: the proposals the leader's heartbeat carries, to be accepted again;
   * anything else the leader resends, it sends here.
   */
  heartbeatProposals<C extends Command>(server: PaxosCore<C>, leader: Leader<C>): Proposal<C>[];
}
