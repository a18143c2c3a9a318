import type { Address, AMOCommand, Command } from '../../framework/index.ts';
import type { PaxosCore, LeaderStrategy } from './leader-strategy.ts';
import { sameCommand, type LoggedCommand } from './log-entry.ts';
import type { Proposal, SlotPromise } from './messages.ts';
import { addVoter, type Leader } from './role.ts';

/** Commands the basic leader queues at most; requests beyond wait for their client's retry. */
const QUEUE_LENGTH_MAX = 1000;

/**
 * The basic variant's leader: both phases of Paxos for every command, one slot at a time.
 * Commands wait in a queue; for the first, the leader takes the next slot, runs phase 1 for
 * that slot alone (`SlotPrepare`, `SlotPromise`), then phase 2 (`Accept`, `Accepted`), and
 * announces the decision to every server (`Decision`). Only then does it start the next one.
 * Lost messages are resent on every heartbeat tick.
 */
export class BasicLeader implements LeaderStrategy {
  takeCommand<C extends Command>(
    server: PaxosCore<C>,
    leader: Leader<C>,
    command: AMOCommand<C>,
  ): void {
    if (leader.queue.length >= QUEUE_LENGTH_MAX) return;
    leader.queue.push(command);
    this.proceed(server, leader);
  }

  holds<C extends Command>(leader: Leader<C>, command: AMOCommand<C>): boolean {
    if (leader.preparing !== null && sameCommand(leader.preparing.command, command)) return true;
    return leader.queue.some((queued) => sameCommand(queued, command));
  }

  /** When no slot is in flight, starts phase 1 for the next queued command. */
  proceed<C extends Command>(server: PaxosCore<C>, leader: Leader<C>): void {
    if (server.role !== leader) return;
    while (leader.preparing === null && leader.votes.size === 0) {
      const command = leader.queue.shift();
      if (command === undefined) return;
      if (server.alreadyExecuted(command)) continue;
      const slot = leader.nextSlot++;
      const own = server.log.get(slot);
      leader.preparing = { slot, command, promisedBy: [server.address], highest: own ?? null };
      server.sendToOthers({ kind: 'SlotPrepare', ballot: server.ballot, slot });
      if (leader.preparing.promisedBy.length >= server.phaseOneQuorum())
        this.finishSlotPreparation(server, leader);
    }
  }

  /** Every server learns each decision from the leader. */
  chosen<C extends Command>(server: PaxosCore<C>, slot: number, command: LoggedCommand<C>): void {
    server.sendToOthers({ kind: 'Decision', ballot: server.ballot, slot, command });
  }

  handleSlotPromise<C extends Command>(
    server: PaxosCore<C>,
    leader: Leader<C>,
    message: SlotPromise<C>,
    sender: Address,
  ): void {
    const preparation = leader.preparing;
    if (preparation?.slot !== message.slot || !addVoter(preparation.promisedBy, sender)) return;
    if (message.accepted !== null)
      preparation.highest = server.preferred(preparation.highest, message.accepted);
    if (preparation.promisedBy.length >= server.phaseOneQuorum())
      this.finishSlotPreparation(server, leader);
  }

  /**
   * The basic leader's heartbeats carry no proposals: it resends its unanswered slot prepare and
   * accepts individually, to the servers that have not answered them.
   */
  heartbeatProposals<C extends Command>(server: PaxosCore<C>, leader: Leader<C>): Proposal<C>[] {
    const preparation = leader.preparing;
    if (preparation !== null)
      server.sendToOthers(
        { kind: 'SlotPrepare', ballot: server.ballot, slot: preparation.slot },
        preparation.promisedBy,
      );
    for (const [slot, voters] of leader.votes) {
      const entry = server.log.get(slot);
      if (entry === undefined) continue;
      server.sendToOthers(
        {
          kind: 'Accept',
          ballot: server.ballot,
          slot,
          command: entry.command,
          chosenBelow: server.executedBelow,
        },
        voters,
      );
    }
    return [];
  }

  /** Phase 1 of a slot succeeded: propose the command it allows. */
  private finishSlotPreparation<C extends Command>(server: PaxosCore<C>, leader: Leader<C>): void {
    const preparation = leader.preparing;
    if (preparation === null) return;
    leader.preparing = null;
    const command = preparation.highest?.command ?? preparation.command;
    // Another command may already be chosen here: it takes the slot, ours waits for the next.
    if (!sameCommand(command, preparation.command)) leader.queue.unshift(preparation.command);
    server.propose(leader, preparation.slot, command);
    server.executeChosen();
  }
}
