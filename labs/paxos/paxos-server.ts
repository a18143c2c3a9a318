import {
  type Address,
  type AMOCommand,
  type Command,
  type MessageHandlers,
  Node,
  type Result,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import { compareBallots, initialBallot, nextBallot, sameBallot, type Ballot } from './ballot.ts';
import { BasicLeader } from './basic-leader.ts';
import type { LeaderStrategy, PaxosCore } from './leader-strategy.ts';
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
  SlotPrepare,
  SlotPromise,
} from './messages.ts';
import { OptimizedLeader } from './optimized-leader.ts';
import type { ReplicatedApplication } from './replicated-application.ts';
import type { ReplicatedLog } from './replicated-log.ts';
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

/** Chosen entries sent in one fetch reply at most. */
const FETCH_ENTRIES_MAX = 100;

/**
 * Each variant's leader. Strategies keep no state, so the server keeps only its variant's
 * name (part of its state) and looks its leader up.
 */
const LEADERS: Readonly<Record<PaxosVariant, LeaderStrategy>> = {
  basic: new BasicLeader(),
  optimized: new OptimizedLeader(),
};

/**
 * A Paxos server: acceptor, leader (proposer) and replica of an application at once, in
 * either variant. This file is what the variants share; what their leaders do differently is
 * in `basic-leader.ts` and `optimized-leader.ts`. See the lab's README for the protocol.
 * Handlers tolerate duplicated, reordered and stale messages: every one either checks its
 * ballot or carries a fact (a chosen command) that stays true.
 *
 * The replicated application is a parameter: lab 3 replicates the key-value store (the type
 * parameters' defaults), lab 4 a shard master and a replica group's shards.
 *
 * @typeParam C - the application's commands
 * @typeParam R - the application's results
 * @typeParam A - the application itself, as its owner sees it
 */
export class PaxosServer<
  C extends Command = KVCommand,
  R extends Result = KVResult,
  A extends ReplicatedApplication<C, R> = ReplicatedApplication<C, R>,
>
  extends Node
  implements
    MessageHandlers<PaxosServerMessage<C>>,
    TimerHandlers<PaxosServerTimer>,
    PaxosLogInspection<C>,
    PaxosCore<C>,
    ReplicatedLog<C, R, A>
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

  // The fields the leader strategies read are public; they see them read-only, through
  // PaxosCore.

  // Acceptor: the highest ballot promised, and what was accepted in each slot.
  ballot: Ballot;
  readonly log = new Map<number, LogEntry<C>>();

  // Replica: the slots executed and cleared so far (the application is a constructor parameter).
  /** Every slot below this one is chosen and executed. */
  executedBelow = 1;
  /** Every slot below this one was garbage-collected (executed by every server). */
  protected clearedBelow = 1;
  /** Set by the first `init()`: a restarted server does not take the initial leadership again. */
  protected started = false;

  // What this server does in the current ballot, and which of its timers are pending.
  role: Role<C> = { kind: 'follower', leaderSeen: true };
  protected heartbeatTimerPending = false;
  protected electionTimerPending = false;

  /**
   * @param servers - every server of the group, this one included
   * @param variant - which leader the server runs (see variant.ts)
   * @param application - the replicated application, fresh: every server gets its own
   */
  constructor(
    address: Address,
    protected readonly servers: readonly Address[],
    protected readonly variant: PaxosVariant,
    protected readonly application: A,
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

  command(slot: number): AMOCommand<C> | undefined {
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

  // The replicated-log contract (for a parent node that holds this server as a sub-node)

  /** The replicated state, for the owner to read (never to change). */
  replica(): A {
    return this.application;
  }

  /** Whether this server is in the leader role now. */
  leads(): boolean {
    return this.role.kind === 'leader';
  }

  /**
   * Hands a command to this server as a request from `sender` would (a leader proposes it; any
   * server answers it if already executed).
   */
  submit(command: AMOCommand<C>, sender: Address): void {
    this.handlePaxosRequest({ kind: 'PaxosRequest', command }, sender);
  }

  // Clients

  handlePaxosRequest(message: PaxosRequest<C>, sender: Address): void {
    const command = message.command;
    if (this.application.alreadyExecuted(command)) {
      // Any replica that executed it can answer a retry (`execute` only looks it up now).
      const result = this.application.execute(command);
      if (result !== undefined) this.send({ kind: 'PaxosReply', result }, sender);
      return;
    }
    const role = this.role;
    if (role.kind !== 'leader' || this.isInFlight(role, command)) return;
    this.leaderStrategy.takeCommand(this, role, command);
  }

  // Phase 1 for every slot: elections

  handlePrepare(message: Prepare, sender: Address): void {
    // A candidate never lags behind a collection point (every server executed those
    // slots), so this never drops a real candidate; promising without the cleared
    // entries could let it propose a no-op over a chosen command.
    if (message.fromSlot < this.clearedBelow) return;
    if (!this.followBallot(message.ballot)) return;
    const entries = new Map<number, LogEntry<C>>();
    for (const [slot, entry] of this.log) if (slot >= message.fromSlot) entries.set(slot, entry);
    this.send({ kind: 'Promise', ballot: message.ballot, entries }, sender);
  }

  handlePromise(message: PaxosPromise<C>, sender: Address): void {
    const role = this.role;
    if (role.kind !== 'candidate' || !sameBallot(message.ballot, this.ballot)) return;
    if (!addVoter(role.promisedBy, sender)) return;
    for (const [slot, entry] of message.entries) {
      if (slot >= role.fromSlot)
        role.merged.set(slot, this.preferred(role.merged.get(slot), entry));
    }
    if (role.promisedBy.length >= this.phaseOneQuorum()) this.becomeLeader(role);
  }

  // Phase 1 for one slot (the basic leader runs it for every command)

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

  handleSlotPromise(message: SlotPromise<C>, sender: Address): void {
    const role = this.role;
    if (role.kind !== 'leader' || !sameBallot(message.ballot, this.ballot)) return;
    this.leaderStrategy.handleSlotPromise(this, role, message, sender);
  }

  // Phase 2

  handleAccept(message: Accept<C>, sender: Address): void {
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
    this.leaderStrategy.proceed(this, role);
  }

  // Learning what was chosen

  handleDecision(message: Decision<C>): void {
    this.learnChosen(message.slot, message.ballot, message.command);
    this.executeChosen();
  }

  handleHeartbeat(message: Heartbeat<C>, sender: Address): void {
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
    this.leaderStrategy.proceed(this, role);
    this.collectGarbage(role);
  }

  handleFetch(message: Fetch, sender: Address): void {
    if (message.fromSlot < this.clearedBelow) return;
    const entries: SlotEntry<C>[] = [];
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

  handleFetchReply(message: FetchReply<C>): void {
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
  protected acceptEntry(slot: number, ballot: Ballot, command: LoggedCommand<C>): void {
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
  protected learnChosen(slot: number, ballot: Ballot, command: LoggedCommand<C>): void {
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
  executeChosen(): void {
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

  alreadyExecuted(command: AMOCommand<C>): boolean {
    return this.application.alreadyExecuted(command);
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
    const candidate: Candidate<C> = {
      kind: 'candidate',
      fromSlot: this.executedBelow,
      promisedBy: [this.address],
      merged: new Map(),
    };
    for (const [slot, entry] of this.log)
      if (slot >= candidate.fromSlot) candidate.merged.set(slot, entry);
    this.role = candidate;
    this.sendToOthers({ kind: 'Prepare', ballot: this.ballot, fromSlot: candidate.fromSlot });
    if (candidate.promisedBy.length >= this.phaseOneQuorum()) this.becomeLeader(candidate);
    else this.armHeartbeatTimer();
  }

  /** Sends the candidate's prepare again to the servers that have not promised yet. */
  protected resendPrepare(candidate: Candidate<C>): void {
    this.sendToOthers(
      { kind: 'Prepare', ballot: this.ballot, fromSlot: candidate.fromSlot },
      candidate.promisedBy,
    );
  }

  /**
   * Phase 1 succeeded: propose again, in the new ballot, every slot from the election's
   * first slot to the last one any promise mentioned — the reported command where there is
   * one, a no-op in the holes — so that every later slot can eventually execute.
   */
  protected becomeLeader(candidate: Candidate<C>): void {
    const leader = leaderRole<C>(this.executedBelow);
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
    this.leaderStrategy.proceed(this, leader);
  }

  // Leader (what both variants' leaders do; the rest is their strategy's)

  /** This server's variant's leader strategy. */
  protected get leaderStrategy(): LeaderStrategy {
    return LEADERS[this.variant];
  }

  /**
   * Phase 2 for one slot: accept the command itself, and ask the others to. Accepts go out
   * at once unless `send` is false (a new leader's heartbeat carries its batch instead).
   */
  propose(leader: Leader<C>, slot: number, command: LoggedCommand<C>, send = true): void {
    this.log.set(slot, logEntry(this.ballot, command, false));
    leader.votes.set(slot, [this.address]);
    if (send)
      this.sendToOthers({
        kind: 'Accept',
        ballot: this.ballot,
        slot,
        command,
        chosenBelow: this.executedBelow,
      });
    if (this.phaseTwoQuorum() <= 1) this.choose(leader, slot);
  }

  /** Counts an acceptor's vote for a slot in this ballot; a quorum makes the slot chosen. */
  protected recordVote(leader: Leader<C>, slot: number, voter: Address): void {
    const voters = leader.votes.get(slot);
    if (voters === undefined || !addVoter(voters, voter)) return;
    if (voters.length >= this.phaseTwoQuorum()) this.choose(leader, slot);
  }

  protected choose(leader: Leader<C>, slot: number): void {
    leader.votes.delete(slot);
    const entry = this.log.get(slot);
    // Learned chosen meanwhile (from a fetch or an old leader's decision), maybe executed and
    // cleared.
    if (entry === undefined || entry.chosen) return;
    this.log.set(slot, logEntry(entry.ballot, entry.command, true));
    this.leaderStrategy.chosen(this, slot, entry.command);
  }

  /**
   * Heartbeats tell followers the leader lives, how far it has committed and collected, and
   * carry the proposals the leader's strategy resends this way (the optimized one's batch).
   */
  protected sendHeartbeats(leader: Leader<C>): void {
    const heartbeat: Heartbeat<C> = {
      kind: 'Heartbeat',
      ballot: this.ballot,
      proposals: this.leaderStrategy.heartbeatProposals(this, leader),
      chosenBelow: this.executedBelow,
      clearBelow: this.clearedBelow,
    };
    this.sendToOthers(heartbeat);
  }

  /**
   * Whether a command is already on its way: in a slot not yet executed, or held by the leader
   * for later.
   */
  protected isInFlight(leader: Leader<C>, command: AMOCommand<C>): boolean {
    for (let slot = this.executedBelow; slot < leader.nextSlot; slot++) {
      const entry = this.log.get(slot);
      if (entry !== undefined && sameCommand(entry.command, command)) return true;
    }
    return this.leaderStrategy.holds(leader, command);
  }

  /** Clears the slots every server has executed, as far as the leader has heard. */
  protected collectGarbage(leader: Leader<C>): void {
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
  preferred(current: LogEntry<C> | null | undefined, reported: LogEntry<C>): LogEntry<C> {
    return preferredEntry(current, reported);
  }

  /**
   * The quorums of the two phases. Safety needs only that every phase 1 quorum intersects
   * every phase 2 quorum (Flexible Paxos); here both are majorities.
   */
  phaseOneQuorum(): number {
    return Math.floor(this.servers.length / 2) + 1;
  }

  protected phaseTwoQuorum(): number {
    return Math.floor(this.servers.length / 2) + 1;
  }

  sendToOthers(message: PaxosServerMessage<C>, skipping?: readonly Address[]): void {
    const others = this.others();
    this.broadcast(
      message,
      skipping === undefined ? others : others.filter((server) => !skipping.includes(server)),
    );
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
