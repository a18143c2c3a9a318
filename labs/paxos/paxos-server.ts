import {
  type Address,
  AMOApplication,
  type AMOCommand,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../kvstore/index.ts';
import { compareBallots, initialBallot, nextBallot, sameBallot, type Ballot } from './ballot.ts';
import {
  logEntry,
  NO_OP,
  preferredEntry,
  sameCommand,
  type LogEntry,
  type LoggedCommand,
  type SlotEntry,
} from './log-entry.ts';
import type { PaxosLogInspection, SlotStatus } from './log-inspection.ts';
import type {
  Accept,
  Accepted,
  Decision,
  Fetch,
  FetchReply,
  Heartbeat,
  HeartbeatReply,
  PaxosPromise,
  PaxosRequest,
  PaxosServerMessage,
  Prepare,
  Proposal,
  SlotPrepare,
  SlotPromise,
} from './messages.ts';
import { addVoter, leaderRole, type Candidate, type Leader, type Role } from './role.ts';
import {
  ELECTION_MILLIS_MAX,
  ELECTION_MILLIS_MIN,
  HEARTBEAT_MILLIS,
  type ElectionTimer,
  type HeartbeatTimer,
  type PaxosServerTimer,
} from './timers.ts';
import type { PaxosVariant } from './variant.ts';

/** Slots a leader keeps in flight at most; requests beyond wait for their client's retry. */
const SLOTS_IN_FLIGHT_MAX = 1000;
/** Commands the basic variant's leader queues at most. */
const QUEUE_LENGTH_MAX = 1000;
/** Chosen entries sent in one fetch reply at most. */
const FETCH_ENTRIES_MAX = 100;

/**
 * A Paxos server: acceptor, leader (proposer) and replica of the key-value store at once.
 * See the lab's README for the protocol. Handlers tolerate duplicated, reordered and stale
 * messages: every one either checks its ballot or carries a fact (a chosen command) that
 * stays true.
 */
export class PaxosServer
  extends Node
  implements
    MessageHandlers<PaxosServerMessage>,
    TimerHandlers<PaxosServerTimer>,
    PaxosLogInspection
{
  /**
   * What survives a crash, as if written to disk before any message leaves. Safety needs
   * the acceptor's state: the ballot it promised and the entries it accepted — an acceptor
   * that forgot a promise or a vote could help choose a second command. The application,
   * its execution point and the garbage-collection point survive as a snapshot: slots
   * below the collection point are gone from every log and could not be replayed.
   * The role and the timers are rebuilt: a restarted server is a follower.
   */
  static readonly persistentFields: readonly string[] = [
    'ballot',
    'log',
    'application',
    'executedBelow',
    'clearedBelow',
    'started',
  ];

  // Acceptor: the highest ballot promised, and what was accepted in each slot.
  protected ballot: Ballot;
  protected readonly log = new Map<number, LogEntry>();

  // Replica: the store, and the slots executed and cleared so far.
  protected readonly application = new AMOApplication<KVCommand, KVResult>(new KVStore());
  /** Every slot below this one is chosen and executed. */
  protected executedBelow = 1;
  /** Every slot below this one was garbage-collected (executed by every server). */
  protected clearedBelow = 1;
  /** Set by the first `init()`: a restarted server does not take the initial leadership again. */
  protected started = false;

  // What this server does in the current ballot, and which of its timers are pending.
  protected role: Role = { kind: 'follower', leaderSeen: true };
  protected heartbeatTimerPending = false;
  protected electionTimerPending = false;

  constructor(
    address: Address,
    protected readonly servers: readonly Address[],
    protected readonly variant: PaxosVariant,
  ) {
    super(address);
    this.ballot = initialBallot(servers);
  }

  override init(): void {
    const first = !this.started;
    this.started = true;
    if (first && this.ballot.leader === this.address) {
      // Round 0 needs no phase 1 (see initialBallot): lead it at once.
      this.role = leaderRole(1);
      this.armHeartbeatTimer();
    } else {
      this.armElectionTimer();
    }
  }

  // Inspection (for tests)

  status(slot: number): SlotStatus {
    if (slot < this.clearedBelow) return 'cleared';
    const entry = this.log.get(slot);
    if (entry === undefined) return 'empty';
    return entry.chosen ? 'chosen' : 'accepted';
  }

  command(slot: number): AMOCommand<KVCommand> | undefined {
    if (slot < this.clearedBelow) return undefined;
    const command = this.log.get(slot)?.command;
    return command === undefined || command.kind === 'NoOp' ? undefined : command;
  }

  firstNonCleared(): number {
    return this.clearedBelow;
  }

  lastNonEmpty(): number {
    let last = this.clearedBelow - 1;
    for (const slot of this.log.keys()) if (slot > last) last = slot;
    return last;
  }

  // Clients

  handlePaxosRequest(message: PaxosRequest, sender: Address): void {
    const command = message.command;
    if (this.application.alreadyExecuted(command)) {
      // Any replica that executed it can answer a retry (`execute` only looks it up now).
      const result = this.application.execute(command);
      if (result !== undefined) this.send({ kind: 'PaxosReply', result }, sender);
      return;
    }
    const role = this.role;
    if (role.kind !== 'leader' || this.isInFlight(role, command)) return;
    if (this.variant === 'basic') {
      if (role.queue.length >= QUEUE_LENGTH_MAX) return;
      role.queue.push(command);
      this.proposeNext(role);
      return;
    }
    if (role.nextSlot - this.executedBelow >= SLOTS_IN_FLIGHT_MAX) return;
    this.propose(role, role.nextSlot++, command);
    this.executeChosen();
  }

  // Phase 1 for every slot: elections

  handlePrepare(message: Prepare, sender: Address): void {
    // A candidate never lags behind a collection point (every server executed those
    // slots), so this never drops a real candidate; promising without the cleared
    // entries could let it propose a no-op over a chosen command.
    if (message.fromSlot < this.clearedBelow) return;
    if (!this.followBallot(message.ballot)) return;
    const entries = new Map<number, LogEntry>();
    for (const [slot, entry] of this.log) if (slot >= message.fromSlot) entries.set(slot, entry);
    this.send({ kind: 'Promise', ballot: message.ballot, entries }, sender);
  }

  handlePromise(message: PaxosPromise, sender: Address): void {
    const role = this.role;
    if (role.kind !== 'candidate' || !sameBallot(message.ballot, this.ballot)) return;
    if (!addVoter(role.promisedBy, sender)) return;
    for (const [slot, entry] of message.entries) {
      if (slot >= role.fromSlot)
        role.merged.set(slot, this.preferred(role.merged.get(slot), entry));
    }
    if (role.promisedBy.length >= this.phaseOneQuorum()) this.becomeLeader(role);
  }

  // Phase 1 for one slot (basic variant)

  handleSlotPrepare(message: SlotPrepare, sender: Address): void {
    if (message.slot < this.clearedBelow || !this.followBallot(message.ballot)) return;
    this.send(
      {
        kind: 'SlotPromise',
        ballot: message.ballot,
        slot: message.slot,
        accepted: this.log.get(message.slot) ?? null,
      },
      sender,
    );
  }

  handleSlotPromise(message: SlotPromise, sender: Address): void {
    const role = this.role;
    if (role.kind !== 'leader' || !sameBallot(message.ballot, this.ballot)) return;
    const preparation = role.preparing;
    if (preparation?.slot !== message.slot || !addVoter(preparation.promisedBy, sender)) return;
    if (message.accepted !== null)
      preparation.highest = this.preferred(preparation.highest, message.accepted);
    if (preparation.promisedBy.length >= this.phaseOneQuorum()) this.finishSlotPreparation(role);
  }

  // Phase 2

  handleAccept(message: Accept, sender: Address): void {
    if (!this.followBallot(message.ballot)) return;
    this.acceptEntry(message.slot, message.ballot, message.command);
    this.send({ kind: 'Accepted', ballot: message.ballot, slots: [message.slot] }, sender);
    this.learnCommitPoint(message.chosenBelow, message.ballot);
  }

  handleAccepted(message: Accepted, sender: Address): void {
    const role = this.role;
    if (role.kind !== 'leader' || !sameBallot(message.ballot, this.ballot)) return;
    for (const slot of message.slots) this.recordVote(role, slot, sender);
    this.executeChosen();
    this.proposeNext(role);
  }

  // Learning what was chosen

  handleDecision(message: Decision): void {
    this.learnChosen(message.slot, message.ballot, message.command);
    this.executeChosen();
  }

  handleHeartbeat(message: Heartbeat, sender: Address): void {
    if (!this.followBallot(message.ballot)) return;
    const accepted: number[] = [];
    for (const proposal of message.proposals) {
      this.acceptEntry(proposal.slot, message.ballot, proposal.command);
      accepted.push(proposal.slot);
    }
    this.learnCommitPoint(message.chosenBelow, message.ballot);
    this.clearLog(message.clearBelow);
    // A gap: the leader has chosen slots this server cannot fill from its own log.
    if (this.executedBelow < message.chosenBelow)
      this.send({ kind: 'Fetch', fromSlot: this.executedBelow }, sender);
    this.send(
      {
        kind: 'HeartbeatReply',
        ballot: message.ballot,
        accepted,
        executedBelow: this.executedBelow,
      },
      sender,
    );
  }

  handleHeartbeatReply(message: HeartbeatReply, sender: Address): void {
    const role = this.role;
    if (role.kind !== 'leader' || !sameBallot(message.ballot, this.ballot)) return;
    for (const slot of message.accepted) this.recordVote(role, slot, sender);
    role.executedBelowByServer.set(
      sender,
      Math.max(role.executedBelowByServer.get(sender) ?? 1, message.executedBelow),
    );
    this.executeChosen();
    this.proposeNext(role);
    this.collectGarbage(role);
  }

  handleFetch(message: Fetch, sender: Address): void {
    if (message.fromSlot < this.clearedBelow) return;
    const entries: SlotEntry[] = [];
    for (
      let slot = message.fromSlot;
      slot < this.executedBelow && entries.length < FETCH_ENTRIES_MAX;
      slot++
    ) {
      const entry = this.log.get(slot);
      if (entry !== undefined) entries.push({ slot, ...entry });
    }
    if (entries.length > 0) this.send({ kind: 'FetchReply', entries }, sender);
  }

  handleFetchReply(message: FetchReply): void {
    for (const { slot, ballot, command } of message.entries)
      this.learnChosen(slot, ballot, command);
    this.executeChosen();
  }

  // Timers

  onHeartbeatTimer(_timer: HeartbeatTimer): void {
    this.heartbeatTimerPending = false;
    const role = this.role;
    if (role.kind === 'leader') this.sendHeartbeats(role);
    else if (role.kind === 'candidate') this.resendPrepare(role);
    else return;
    this.armHeartbeatTimer();
  }

  onElectionTimer(_timer: ElectionTimer): void {
    this.electionTimerPending = false;
    const role = this.role;
    if (role.kind === 'leader') return;
    if (role.kind === 'follower' && role.leaderSeen) role.leaderSeen = false;
    else this.startElection();
    this.armElectionTimer();
  }

  // Acceptor

  /**
   * Adopts a ballot at least as high as the one promised, from its leader or candidate:
   * returns false, changing nothing, for a lower (stale) one. A higher ballot makes a
   * leader or candidate step down.
   */
  protected followBallot(ballot: Ballot): boolean {
    if (compareBallots(ballot, this.ballot) < 0) return false;
    this.raiseBallot(ballot);
    if (this.role.kind === 'follower') this.role.leaderSeen = true;
    return true;
  }

  /**
   * Promises `ballot` if it is higher than the ballot promised; a leader or candidate of a lower
   * one steps down.
   */
  protected raiseBallot(ballot: Ballot): void {
    if (compareBallots(ballot, this.ballot) <= 0) return;
    this.ballot = ballot;
    if (this.role.kind !== 'follower') {
      this.role = { kind: 'follower', leaderSeen: true };
      this.armElectionTimer();
    }
  }

  /** Accepts a command in a slot, for a ballot no lower than the one promised. */
  protected acceptEntry(slot: number, ballot: Ballot, command: LoggedCommand): void {
    if (slot < this.clearedBelow || this.log.get(slot)?.chosen === true) return;
    this.log.set(slot, logEntry(ballot, command, false));
  }

  // Learner and replica

  /**
   * Records that a command was chosen in a slot (a fact: any ballot may report it). A
   * chosen entry carries a ballot at or above the first ballot its slot was chosen in; if
   * that is higher than this server's, a newer ballot has overtaken it, and it promises
   * that ballot first.
   * A leader of an older ballot that kept leading would advertise a commit point over this
   * slot, and a follower holding the old ballot's proposal for it would take that for
   * chosen (see the README's safety argument).
   */
  protected learnChosen(slot: number, ballot: Ballot, command: LoggedCommand): void {
    if (slot < this.executedBelow || this.log.get(slot)?.chosen === true) return;
    this.raiseBallot(ballot);
    this.log.set(slot, logEntry(ballot, command, true));
  }

  /**
   * Every slot below the leader's commit point is chosen. An entry this server accepted in
   * the leader's own ballot holds the leader's command (a leader proposes one command per
   * slot per ballot), and that is the chosen one: a leader knows of no slot chosen in a
   * ballot above its own (it would have stepped down, see learnChosen), and a command
   * chosen in its ballot or below is the only one it can have proposed there. Other slots
   * wait for a fetch.
   */
  protected learnCommitPoint(chosenBelow: number, ballot: Ballot): void {
    for (let slot = this.executedBelow; slot < chosenBelow; slot++) {
      const entry = this.log.get(slot);
      if (entry?.chosen === true) continue;
      if (entry === undefined || !sameBallot(entry.ballot, ballot)) break;
      this.log.set(slot, logEntry(entry.ballot, entry.command, true));
    }
    this.executeChosen();
  }

  /**
   * Executes chosen slots in order, as far as there is no gap; the leader replies to the clients.
   */
  protected executeChosen(): void {
    for (
      let entry = this.log.get(this.executedBelow);
      entry?.chosen === true;
      entry = this.log.get(this.executedBelow)
    ) {
      if (this.role.kind === 'leader') this.role.votes.delete(this.executedBelow);
      this.executedBelow++;
      if (entry.command.kind === 'NoOp') continue;
      const result = this.application.execute(entry.command);
      if (result !== undefined && this.role.kind === 'leader')
        this.send({ kind: 'PaxosReply', result }, entry.command.client);
    }
  }

  /** Forgets the slots below `point` that this server has executed. */
  protected clearLog(point: number): void {
    const until = Math.min(point, this.executedBelow);
    for (let slot = this.clearedBelow; slot < until; slot++) this.log.delete(slot);
    this.clearedBelow = Math.max(this.clearedBelow, until);
  }

  // Candidate

  /**
   * Starts phase 1 in a new ballot. Until a quorum promises, the candidate resends its
   * prepare to the servers that have not promised at every heartbeat tick: on a lossy
   * network an election that waited for its next timeout to try again, in a new ballot,
   * would meet the other servers' timeouts, and elections would duel.
   */
  protected startElection(): void {
    this.ballot = nextBallot(this.ballot, this.address);
    const candidate: Candidate = {
      kind: 'candidate',
      fromSlot: this.executedBelow,
      promisedBy: [this.address],
      merged: new Map(),
    };
    for (const [slot, entry] of this.log)
      if (slot >= candidate.fromSlot) candidate.merged.set(slot, entry);
    this.role = candidate;
    this.broadcast(
      { kind: 'Prepare', ballot: this.ballot, fromSlot: candidate.fromSlot },
      this.others(),
    );
    if (candidate.promisedBy.length >= this.phaseOneQuorum()) this.becomeLeader(candidate);
    else this.armHeartbeatTimer();
  }

  /** Sends the candidate's prepare again to the servers that have not promised yet. */
  protected resendPrepare(candidate: Candidate): void {
    const unanswered = this.others().filter((server) => !candidate.promisedBy.includes(server));
    this.broadcast(
      { kind: 'Prepare', ballot: this.ballot, fromSlot: candidate.fromSlot },
      unanswered,
    );
  }

  /**
   * Phase 1 succeeded: propose again, in the new ballot, every slot from the election's
   * first slot to the last one any promise mentioned — the reported command where there is
   * one, a no-op in the holes — so that every later slot can eventually execute.
   */
  protected becomeLeader(candidate: Candidate): void {
    const leader = leaderRole(this.executedBelow);
    this.role = leader;
    let last = this.executedBelow - 1;
    for (const slot of candidate.merged.keys()) last = Math.max(last, slot);
    for (let slot = this.executedBelow; slot <= last; slot++) {
      const reported = candidate.merged.get(slot);
      if (this.log.get(slot)?.chosen === true) continue;
      if (reported?.chosen === true)
        this.log.set(slot, logEntry(this.ballot, reported.command, true));
      else this.propose(leader, slot, reported?.command ?? NO_OP, false);
    }
    leader.nextSlot = last + 1;
    this.executeChosen();
    this.sendHeartbeats(leader);
    this.armHeartbeatTimer();
    this.proposeNext(leader);
  }

  // Leader

  /**
   * Phase 2 for one slot: accept the command itself, and ask the others to. Accepts go out
   * at once unless `send` is false (a new leader's heartbeat carries its batch instead).
   */
  protected propose(leader: Leader, slot: number, command: LoggedCommand, send = true): void {
    this.log.set(slot, logEntry(this.ballot, command, false));
    leader.votes.set(slot, [this.address]);
    if (send)
      this.broadcast(
        { kind: 'Accept', ballot: this.ballot, slot, command, chosenBelow: this.executedBelow },
        this.others(),
      );
    if (this.phaseTwoQuorum() <= 1) this.choose(leader, slot);
  }

  /** Counts an acceptor's vote for a slot in this ballot; a quorum makes the slot chosen. */
  protected recordVote(leader: Leader, slot: number, voter: Address): void {
    const voters = leader.votes.get(slot);
    if (voters === undefined || !addVoter(voters, voter)) return;
    if (voters.length >= this.phaseTwoQuorum()) this.choose(leader, slot);
  }

  protected choose(leader: Leader, slot: number): void {
    leader.votes.delete(slot);
    const entry = this.log.get(slot);
    // Learned chosen meanwhile (from a fetch or an old leader's decision), maybe executed and
    // cleared.
    if (entry === undefined || entry.chosen) return;
    this.log.set(slot, logEntry(entry.ballot, entry.command, true));
    if (this.variant === 'basic')
      this.broadcast(
        { kind: 'Decision', ballot: this.ballot, slot, command: entry.command },
        this.others(),
      );
  }

  /**
   * Heartbeats tell followers the leader lives, how far it has committed and collected,
   * and (optimized) resend the batch of proposals not yet chosen. The basic variant
   * resends its unanswered prepares and accepts individually instead.
   */
  protected sendHeartbeats(leader: Leader): void {
    const proposals: Proposal[] = [];
    if (this.variant === 'optimized') {
      for (let slot = this.executedBelow; slot < leader.nextSlot; slot++) {
        const entry = this.log.get(slot);
        if (entry !== undefined) proposals.push({ slot, command: entry.command });
      }
    } else {
      this.resendUnanswered(leader);
    }
    const heartbeat: Heartbeat = {
      kind: 'Heartbeat',
      ballot: this.ballot,
      proposals,
      chosenBelow: this.executedBelow,
      clearBelow: this.clearedBelow,
    };
    this.broadcast(heartbeat, this.others());
  }

  private resendUnanswered(leader: Leader): void {
    const preparation = leader.preparing;
    if (preparation !== null) {
      const prepare: SlotPrepare = {
        kind: 'SlotPrepare',
        ballot: this.ballot,
        slot: preparation.slot,
      };
      this.broadcast(
        prepare,
        this.others().filter((server) => !preparation.promisedBy.includes(server)),
      );
    }
    for (const [slot, voters] of leader.votes) {
      const entry = this.log.get(slot);
      if (entry === undefined) continue;
      const accept: Accept = {
        kind: 'Accept',
        ballot: this.ballot,
        slot,
        command: entry.command,
        chosenBelow: this.executedBelow,
      };
      this.broadcast(
        accept,
        this.others().filter((server) => !voters.includes(server)),
      );
    }
  }

  /**
   * Whether a command is already on its way: in a slot not yet executed, or (basic) queued or in
   * phase 1.
   */
  protected isInFlight(leader: Leader, command: AMOCommand<KVCommand>): boolean {
    for (let slot = this.executedBelow; slot < leader.nextSlot; slot++) {
      const entry = this.log.get(slot);
      if (entry !== undefined && sameCommand(entry.command, command)) return true;
    }
    if (leader.preparing !== null && sameCommand(leader.preparing.command, command)) return true;
    return leader.queue.some((queued) => sameCommand(queued, command));
  }

  /** Basic variant: when no slot is in flight, starts phase 1 for the next queued command. */
  protected proposeNext(leader: Leader): void {
    if (this.variant !== 'basic' || this.role !== leader) return;
    while (leader.preparing === null && leader.votes.size === 0) {
      const command = leader.queue.shift();
      if (command === undefined) return;
      if (this.application.alreadyExecuted(command)) continue;
      const slot = leader.nextSlot++;
      const own = this.log.get(slot);
      leader.preparing = { slot, command, promisedBy: [this.address], highest: own ?? null };
      this.broadcast({ kind: 'SlotPrepare', ballot: this.ballot, slot }, this.others());
      if (leader.preparing.promisedBy.length >= this.phaseOneQuorum())
        this.finishSlotPreparation(leader);
    }
  }

  /** Basic variant: phase 1 of a slot succeeded; propose the command it allows. */
  protected finishSlotPreparation(leader: Leader): void {
    const preparation = leader.preparing;
    if (preparation === null) return;
    leader.preparing = null;
    const command = preparation.highest?.command ?? preparation.command;
    // Another command may already be chosen here: it takes the slot, ours waits for the next.
    if (!sameCommand(command, preparation.command)) leader.queue.unshift(preparation.command);
    this.propose(leader, preparation.slot, command);
    this.executeChosen();
  }

  /** Clears the slots every server has executed, as far as the leader has heard. */
  protected collectGarbage(leader: Leader): void {
    let point = this.executedBelow;
    for (const server of this.others())
      point = Math.min(point, leader.executedBelowByServer.get(server) ?? 1);
    this.clearLog(point);
  }

  // Utilities

  /**
   * Which of two entries reported for one slot in phase 1 a new proposal must carry (see
   * preferredEntry).
   */
  protected preferred(current: LogEntry | null | undefined, reported: LogEntry): LogEntry {
    return preferredEntry(current, reported);
  }

  /**
   * The quorums of the two phases. Safety needs only that every phase 1 quorum intersects
   * every phase 2 quorum (Flexible Paxos); here both are majorities.
   */
  protected phaseOneQuorum(): number {
    return Math.floor(this.servers.length / 2) + 1;
  }

  protected phaseTwoQuorum(): number {
    return Math.floor(this.servers.length / 2) + 1;
  }

  protected others(): Address[] {
    return this.servers.filter((server) => server !== this.address);
  }

  private armHeartbeatTimer(): void {
    if (this.heartbeatTimerPending) return;
    this.heartbeatTimerPending = true;
    this.set({ kind: 'HeartbeatTimer' }, HEARTBEAT_MILLIS);
  }

  private armElectionTimer(): void {
    if (this.electionTimerPending) return;
    this.electionTimerPending = true;
    this.set({ kind: 'ElectionTimer' }, ELECTION_MILLIS_MIN, ELECTION_MILLIS_MAX);
  }
}
