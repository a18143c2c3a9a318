import type { Address } from '../../framework/index.ts';
import type { PaxosImplementation } from '../../labs/paxos/implementation.ts';
import type { Ballot } from '../../labs/paxos/ballot.ts';
import { logEntry, type LoggedCommand } from '../../labs/paxos/log-entry.ts';
import type { Accept } from '../../labs/paxos/messages.ts';
import { PaxosClient } from '../../labs/paxos/paxos-client.ts';
import { PaxosServer } from '../../labs/paxos/paxos-server.ts';

/**
 * An acceptor that accepts below its promise: it follows a higher ballot as it should, but
 * a stale accept from a lower ballot is accepted too, overwriting what it accepted since.
 */
class StaleAcceptingServer extends PaxosServer {
  override handleAccept(message: Accept, sender: Address): void {
    this.followBallot(message.ballot);
    // BUG: no return when followBallot refuses the ballot as lower than the promise.
    this.acceptEntry(message.slot, message.ballot, message.command);
    this.send({ kind: 'Accepted', ballot: message.ballot, slots: [message.slot] }, sender);
    this.learnCommitPoint(message.chosenBelow, message.ballot);
  }
}

/** A proposer that decides with one vote too few: its phase 2 quorum no longer meets every phase 1 quorum. */
class EagerDecidingServer extends PaxosServer {
  protected override phaseTwoQuorum(): number {
    // BUG: one short of a majority.
    return super.phaseTwoQuorum() - 1;
  }
}

/**
 * The reference solution as it was before the stale-leader fix: a server that learns a
 * command chosen in a newer ballot records it but keeps its own ballot, so a leader
 * overtaken without knowing it goes on advertising a commit point over that slot.
 */
class StaleLeadingServer extends PaxosServer {
  protected override learnChosen(slot: number, ballot: Ballot, command: LoggedCommand): void {
    if (slot < this.executedBelow || this.log.get(slot)?.chosen === true) return;
    // BUG: no step up to the newer ballot.
    this.log.set(slot, logEntry(ballot, command, true));
  }
}

/** The reference solution with a stale-accepting acceptor. */
export const staleAccepting: PaxosImplementation = {
  server: (address, servers, variant) => new StaleAcceptingServer(address, servers, variant),
  client: (address, servers) => new PaxosClient(address, servers),
};

/** The reference solution with a proposer that decides one vote short. */
export const eagerDeciding: PaxosImplementation = {
  server: (address, servers, variant) => new EagerDecidingServer(address, servers, variant),
  client: (address, servers) => new PaxosClient(address, servers),
};

/** The reference solution whose leaders keep leading after hearing of a newer ballot's decision. */
export const staleLeading: PaxosImplementation = {
  server: (address, servers, variant) => new StaleLeadingServer(address, servers, variant),
  client: (address, servers) => new PaxosClient(address, servers),
};
