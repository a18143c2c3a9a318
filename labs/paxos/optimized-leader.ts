import type { AMOCommand, Command } from '../../framework/index.ts';
import type { PaxosCore, LeaderStrategy } from './leader-strategy.ts';
import type { Proposal } from './messages.ts';
import type { Leader } from './role.ts';

/** Slots a leader keeps in flight at most; requests beyond wait for their client's retry. */
const SLOTS_IN_FLIGHT_MAX = 1000;

/**
 * The optimized variant's leader (Multi-Paxos): phase 1 ran once, in the election, for every
 * slot from the leader's first unexecuted one, so each command takes phase 2 only — one round
 * trip — and many slots are in flight at once. Followers are told no decisions: they learn
 * what is chosen from the commit point that accepts and heartbeats carry, and every heartbeat
 * carries the batch of proposals not yet chosen, so that a lost `Accept` is accepted from the
 * next one.
 */
export class OptimizedLeader implements LeaderStrategy {
  /** Pipelining: the command gets the next slot and its `Accept` at once. */
  takeCommand<C extends Command>(
    server: PaxosCore<C>,
    leader: Leader<C>,
    command: AMOCommand<C>,
  ): void {
    if (leader.nextSlot - server.executedBelow >= SLOTS_IN_FLIGHT_MAX) return;
    server.propose(leader, leader.nextSlot++, command);
    server.executeChosen();
  }

  /** Nothing waits: every command taken is proposed at once. */
  holds(): boolean {
    return false;
  }

  /** Nothing waits for progress. */
  proceed(): void {}

  /** Followers learn the decision from the commit point of the next accept or heartbeat. */
  chosen(): void {}

  /** Never sent in this variant: the election's phase 1 covers every slot. */
  handleSlotPromise(): void {}

  /** The batch of proposals not yet chosen, from the commit point on. */
  heartbeatProposals<C extends Command>(server: PaxosCore<C>, leader: Leader<C>): Proposal<C>[] {
    const proposals: Proposal<C>[] = [];
    for (let slot = server.executedBelow; slot < leader.nextSlot; slot++) {
      const entry = server.log.get(slot);
      if (entry !== undefined) proposals.push({ slot, command: entry.command });
    }
    return proposals;
  }
}
