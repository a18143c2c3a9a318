import type { AMOCommand, Command, Node } from '../../framework/index.ts';

/**
 * The status of one slot of a server's log, as tests see it:
 *
 * - `empty`: the server has accepted nothing in the slot;
 * - `accepted`: it has accepted a command, and does not know whether it was chosen;
 * - `chosen`: it knows the command was chosen;
 * - `cleared`: the slot was garbage-collected (it was chosen and every server executed it).
 */
export type SlotStatus = 'empty' | 'accepted' | 'chosen' | 'cleared';

/**
 * What a Paxos server shows tests of its log. Slots are numbered from 1. Tests, invariants
 * and benchmarks only use this interface, so they check any implementation of it.
 */
export interface PaxosLogInspection<C extends Command = Command> {
  /** The status of a slot. */
  status(slot: number): SlotStatus;
  /**
   * The command of an accepted or chosen slot, exactly as its client sent it; undefined
   * for an empty or cleared slot, and for a no-op.
   */
  command(slot: number): AMOCommand<C> | undefined;
  /** The first slot that has not been cleared: 1 until garbage collection clears any. */
  firstNonCleared(): number;
  /** The last slot that is not empty, cleared ones included; 0 when there is none. */
  lastNonEmpty(): number;
}

/** A Paxos server node, as the tests see it (whatever application it replicates). */
export type PaxosServerNode = Node & PaxosLogInspection;
