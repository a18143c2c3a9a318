import type { Address } from '../../framework/index.ts';
import { replicatedKVStore, type PaxosImplementation } from '../../labs/paxos/implementation.ts';
import type { Ballot } from '../../labs/paxos/ballot.ts';
import { compareBallots } from '../../labs/paxos/ballot.ts';
import { logEntry, NO_OP, type LogEntry, type LoggedCommand } from '../../labs/paxos/log-entry.ts';
import type { Accept, Heartbeat, PaxosRequest } from '../../labs/paxos/messages.ts';
import type { PaxosVariant } from '../../labs/paxos/variant.ts';
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

/**
 * A proposer that decides with one vote too few: its phase 2 quorum no longer meets every phase 1
 * quorum.
 */
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

/** A server that forgets its promise in a crash: `ballot` is not among the persistent fields. */
class BallotForgettingServer extends PaxosServer {
  // BUG: the promised ballot is lost in a crash.
  static override readonly persistentFields = [
    'log',
    'application',
    'executedBelow',
    'clearedBelow',
    'started',
  ] as const;
}

/** A server that forgets what it accepted in a crash: `log` is not among the persistent fields. */
class LogForgettingServer extends PaxosServer {
  // BUG: the accepted entries are lost in a crash.
  static override readonly persistentFields = [
    'ballot',
    'application',
    'executedBelow',
    'clearedBelow',
    'started',
  ] as const;
}

/** Phase 1 keeps the first entry it hears of for a slot, not the one of the highest ballot. */
class FirstEntryServer extends PaxosServer {
  override preferred(current: LogEntry | null | undefined, reported: LogEntry): LogEntry {
    // BUG: the highest-ballot rule ignored.
    return current ?? reported;
  }
}

/** A new leader that proposes its own choice over what the promises report accepted. */
class OwnProposalServer extends PaxosServer {
  override preferred(current: LogEntry | null | undefined, reported: LogEntry): LogEntry {
    // BUG: an accepted command is dropped unless known chosen; the slot gets a no-op (or, in
    // the basic variant, the leader's own command).
    if (reported.chosen) return reported;
    return current ?? logEntry(reported.ballot, NO_OP, false);
  }
}

/** Skips a slot that is not chosen yet when a later one is, executing the later one first. */
class OutOfOrderServer extends PaxosServer {
  override executeChosen(): void {
    // BUG: a hole is stepped over rather than waited for.
    const lastChosen = Math.max(
      0,
      ...[...this.log].filter(([, entry]) => entry.chosen).map(([slot]) => slot),
    );
    while (this.executedBelow < lastChosen && this.log.get(this.executedBelow)?.chosen !== true)
      this.executedBelow++;
    super.executeChosen();
  }
}

/** The leader answers a client as soon as it proposes the command, before it is chosen. */
class EagerReplyServer extends PaxosServer {
  override handlePaxosRequest(message: PaxosRequest, sender: Address): void {
    const wasLeader = this.role.kind === 'leader';
    super.handlePaxosRequest(message, sender);
    if (!wasLeader || this.application.alreadyExecuted(message.command)) return;
    // BUG: the result of executing the command now, on the store as it is, out of log order.
    const result = this.application.execute(message.command);
    if (result !== undefined) this.send({ kind: 'PaxosReply', result }, sender);
  }
}

/** The leader garbage-collects every slot it has executed, whether the others have or not. */
class EagerCollectingServer extends PaxosServer {
  protected override collectGarbage(): void {
    // BUG: the followers' execution points are not waited for.
    this.clearLog(this.executedBelow);
  }
}

/** A follower that takes a heartbeat's proposals and commit point whatever its ballot. */
class OldHeartbeatServer extends PaxosServer {
  override handleHeartbeat(message: Heartbeat, sender: Address): void {
    if (compareBallots(message.ballot, this.ballot) >= 0) {
      super.handleHeartbeat(message, sender);
      return;
    }
    // BUG: a heartbeat from an older ballot is applied as if it were current.
    for (const proposal of message.proposals)
      this.acceptEntry(proposal.slot, message.ballot, proposal.command);
    this.learnCommitPoint(message.chosenBelow, message.ballot);
  }
}

/** A broken server class: the reference's constructor, the application included. */
type BrokenServerClass = new (
  address: Address,
  servers: readonly Address[],
  variant: PaxosVariant,
  application: ReturnType<typeof replicatedKVStore>,
) => PaxosServer;

/** The reference solution with a broken server: each server replicates its own store. */
function withServer(Server: BrokenServerClass): PaxosImplementation {
  return {
    server: (address, servers, variant) =>
      new Server(address, servers, variant, replicatedKVStore()),
    client: (address, servers) => new PaxosClient(address, servers),
  };
}

/** The reference solution with each of the broken servers above. */
export const staleAccepting = withServer(StaleAcceptingServer);
export const eagerDeciding = withServer(EagerDecidingServer);
export const staleLeading = withServer(StaleLeadingServer);
export const ballotForgetting = withServer(BallotForgettingServer);
export const logForgetting = withServer(LogForgettingServer);
export const firstEntry = withServer(FirstEntryServer);
export const ownProposal = withServer(OwnProposalServer);
export const outOfOrder = withServer(OutOfOrderServer);
export const eagerReply = withServer(EagerReplyServer);
export const eagerCollecting = withServer(EagerCollectingServer);
export const oldHeartbeat = withServer(OldHeartbeatServer);
