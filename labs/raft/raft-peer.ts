import {
  type Address,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { LogEntry } from './log-entry.ts';
import type { RaftInspection } from './raft-inspection.ts';
import type {
  AppendEntries,
  AppendEntriesReply,
  InstallSnapshot,
  InstallSnapshotReply,
  RaftPeerMessage,
  RequestVote,
  RequestVoteReply,
} from './messages.ts';
import type { Leader, RaftRole, RaftRoleName } from './raft-role.ts';
import {
  ELECTION_MILLIS_MAX,
  ELECTION_MILLIS_MIN,
  HEARTBEAT_MILLIS,
  type ElectionTimer,
  type HeartbeatTimer,
  type RaftPeerTimer,
} from './timers.ts';

/** Entries one AppendEntries carries at most: a follower far behind catches up in batches. */
const ENTRIES_PER_MESSAGE_MAX = 64;

/** How a Raft server compacts its log; `null` never does. */
export interface SnapshotPolicy {
  /** The service is snapshotted once this many entries were applied since the last snapshot. */
  readonly everyEntries: number;
}

/**
 * A Raft server: the protocol of the paper's figure 2, with log compaction (section 7), over a
 * service it replicates. This class is the replicated log; a subclass is the service and
 * implements the contract:
 *
 * - it hands commands to {@link propose} (which succeeds only on a leader);
 * - {@link applyCommand} receives every committed command, in index order, exactly once per
 *   index in the life of the service's state (after a restart, the state is rebuilt from the
 *   snapshot and the entries after it are applied again to it);
 * - {@link serviceSnapshot} and {@link restoreService} turn the service's state into a snapshot
 *   and back.
 *
 * Handlers tolerate duplicated, reordered and stale messages: each checks its term, and a reply
 * carries what it answers (the index matched, the snapshot installed).
 */
export abstract class RaftPeer<C, S>
  extends Node
  implements MessageHandlers<RaftPeerMessage<C, S>>, TimerHandlers<RaftPeerTimer>, RaftInspection
{
  /**
   * Figure 2's persistent state, as if written to stable storage before any message leaves: a
   * server that forgot its term or its vote could vote twice in one term, and one that forgot
   * its log could help elect a leader without a committed entry. The snapshot is persistent
   * too: the entries it replaced are gone from the log.
   */
  static readonly persistentFields: readonly string[] = [
    'currentTerm',
    'votedFor',
    'log',
    'snapshotLastIndex',
    'snapshotLastTerm',
    'snapshotState',
  ];

  protected currentTerm = 0;
  protected votedFor: Address | null = null;
  /** The entries after the snapshot: `log[k]` has index `snapshotLastIndex + 1 + k`. */
  protected log: LogEntry<C>[] = [];
  protected snapshotLastIndex = 0;
  protected snapshotLastTerm = 0;
  /** The service's state after the entry at `snapshotLastIndex`; null before the first snapshot. */
  protected snapshotState: S | null = null;

  // Volatile state: rebuilt after a restart.
  protected committedIndex = 0;
  protected lastApplied = 0;
  protected raftRole: RaftRole = { kind: 'follower' };
  /** Heard from the current leader, or granted a vote, since the election timer last fired. */
  protected heardFromLeader = false;
  protected heartbeatTimerPending = false;
  protected electionTimerPending = false;

  constructor(
    address: Address,
    protected readonly servers: readonly Address[],
    protected readonly snapshotPolicy: SnapshotPolicy | null = null,
  ) {
    super(address);
  }

  // The service's side of the contract

  /** Applies one committed command to the service. */
  protected abstract applyCommand(index: number, command: C): void;
  /** The service's state, as a value the snapshot may keep (a copy, not a live reference). */
  protected abstract serviceSnapshot(): S;
  /** Replaces the service's state by a snapshot's (null: the initial state). */
  protected abstract restoreService(state: S | null): void;
  /** Called when this server becomes leader (the key-value server appends a no-op there). */
  protected onElected(): void {}

  override init(): void {
    // A restart keeps only the persistent fields: the service restarts from the snapshot, and
    // the entries after it are applied again once the leader says they are committed.
    this.restoreService(this.snapshotState);
    this.committedIndex = this.snapshotLastIndex;
    this.lastApplied = this.snapshotLastIndex;
    if (this.servers.length === 1) this.startElection();
    this.armElectionTimer();
  }

  /**
   * Appends a command to the log if this server leads: returns the index it will have if it is
   * committed, and the term, or null on a server that does not lead. Nothing is sent here: the
   * entry goes out with the next AppendEntries (see {@link replicateNow}).
   */
  propose(command: C): { index: number; term: number } | null {
    if (this.raftRole.kind !== 'leader') return null;
    this.log.push({ term: this.currentTerm, command });
    this.advanceCommitIndex();
    return { index: this.lastLogIndex(), term: this.currentTerm };
  }

  /** Sends every follower the entries it lacks now, without waiting for the heartbeat. */
  protected replicateNow(): void {
    const role = this.raftRole;
    if (role.kind !== 'leader') return;
    for (const server of this.others())
      if ((role.nextIndex.get(server) ?? 1) <= this.lastLogIndex()) this.replicateTo(role, server);
  }

  // Inspection

  term(): number {
    return this.currentTerm;
  }

  role(): RaftRoleName {
    return this.raftRole.kind;
  }

  vote(): Address | null {
    return this.votedFor;
  }

  lastLogIndex(): number {
    return this.snapshotLastIndex + this.log.length;
  }

  snapshotIndex(): number {
    return this.snapshotLastIndex;
  }

  termAt(index: number): number | undefined {
    if (index === this.snapshotLastIndex) return this.snapshotLastTerm;
    if (index < this.snapshotLastIndex) return index === 0 ? 0 : undefined;
    return this.log[index - this.snapshotLastIndex - 1]?.term;
  }

  commandAt(index: number): C | undefined {
    return this.entryAt(index)?.command;
  }

  commitIndex(): number {
    return this.committedIndex;
  }

  // Elections

  handleRequestVote(message: RequestVote, sender: Address): void {
    this.observeTerm(message.term);
    const granted =
      message.term === this.currentTerm &&
      (this.votedFor === null || this.votedFor === sender) &&
      this.candidateIsUpToDate(message.lastLogIndex, message.lastLogTerm);
    if (granted) {
      this.votedFor = sender;
      // A server that just voted gives the candidate its election timeout to win.
      this.heardFromLeader = true;
    }
    this.send({ kind: 'RequestVoteReply', term: this.currentTerm, voteGranted: granted }, sender);
  }

  handleRequestVoteReply(message: RequestVoteReply, sender: Address): void {
    if (this.observeTerm(message.term)) return;
    const role = this.raftRole;
    if (role.kind !== 'candidate' || message.term !== this.currentTerm || !message.voteGranted)
      return;
    role.votes.add(sender);
    if (role.votes.size >= this.majority()) this.becomeLeader();
  }

  // Log replication

  handleAppendEntries(message: AppendEntries<C>, sender: Address): void {
    this.observeTerm(message.term);
    if (message.term < this.currentTerm) {
      this.send(this.appendReply(false, 0, 0, null), sender);
      return;
    }
    // A candidate that hears from a leader of its own term lost the election.
    if (this.raftRole.kind !== 'follower') this.becomeFollower();
    this.heardFromLeader = true;
    let prevIndex = message.prevLogIndex;
    let prevTerm = message.prevLogTerm;
    let entries = message.entries;
    if (prevIndex < this.snapshotLastIndex) {
      // The snapshot's entries are committed, so they match the leader's: skip them.
      const skipped = Math.min(entries.length, this.snapshotLastIndex - prevIndex);
      if (skipped > 0) prevTerm = (entries[skipped - 1] as LogEntry<C>).term;
      entries = entries.slice(skipped);
      prevIndex += skipped;
      if (prevIndex < this.snapshotLastIndex) {
        this.send(this.appendReply(true, prevIndex, 0, null), sender);
        return;
      }
    }
    const ownTerm = this.termAt(prevIndex);
    if (ownTerm !== prevTerm) {
      this.send(this.conflictReply(prevIndex, ownTerm), sender);
      return;
    }
    this.appendFrom(prevIndex, entries);
    const lastNew = prevIndex + entries.length;
    if (message.leaderCommit > this.committedIndex) {
      // Only the entries this message proved to match the leader's may be taken as committed.
      this.committedIndex = Math.max(this.committedIndex, Math.min(message.leaderCommit, lastNew));
      this.applyCommitted();
    }
    this.send(this.appendReply(true, lastNew, 0, null), sender);
  }

  handleAppendEntriesReply(message: AppendEntriesReply, sender: Address): void {
    if (this.observeTerm(message.term)) return;
    const role = this.raftRole;
    if (role.kind !== 'leader' || message.term !== this.currentTerm) return;
    if (message.success) {
      this.recordMatch(role, sender, message.matchIndex);
      if ((role.nextIndex.get(sender) ?? 1) <= this.lastLogIndex()) this.replicateTo(role, sender);
      return;
    }
    // A refusal without a conflict answers an AppendEntries of an older term: nothing to learn.
    if (message.conflictIndex < 1) return;
    role.nextIndex.set(sender, this.backtrackedIndex(message));
    this.replicateTo(role, sender);
  }

  // Snapshots

  handleInstallSnapshot(message: InstallSnapshot<S>, sender: Address): void {
    this.observeTerm(message.term);
    if (message.term < this.currentTerm) {
      this.send(
        { kind: 'InstallSnapshotReply', term: this.currentTerm, lastIncludedIndex: 0 },
        sender,
      );
      return;
    }
    if (this.raftRole.kind !== 'follower') this.becomeFollower();
    this.heardFromLeader = true;
    const last = message.lastIncludedIndex;
    if (last > this.committedIndex) {
      // Keep the entries after the snapshot if the log matches it there; otherwise the whole
      // log conflicts with a committed prefix and goes.
      this.log =
        this.termAt(last) === message.lastIncludedTerm
          ? this.log.slice(last - this.snapshotLastIndex)
          : [];
      this.snapshotLastIndex = last;
      this.snapshotLastTerm = message.lastIncludedTerm;
      this.snapshotState = message.state;
      this.restoreService(message.state);
      this.committedIndex = last;
      this.lastApplied = last;
    }
    this.send(
      { kind: 'InstallSnapshotReply', term: this.currentTerm, lastIncludedIndex: last },
      sender,
    );
  }

  handleInstallSnapshotReply(message: InstallSnapshotReply, sender: Address): void {
    if (this.observeTerm(message.term)) return;
    const role = this.raftRole;
    if (role.kind !== 'leader' || message.term !== this.currentTerm) return;
    this.recordMatch(role, sender, message.lastIncludedIndex);
    if ((role.nextIndex.get(sender) ?? 1) <= this.lastLogIndex()) this.replicateTo(role, sender);
  }

  // Timers

  onHeartbeatTimer(_timer: HeartbeatTimer): void {
    this.heartbeatTimerPending = false;
    const role = this.raftRole;
    if (role.kind === 'leader') {
      for (const server of this.others()) this.replicateTo(role, server);
    } else if (role.kind === 'candidate') {
      // On a lossy network, asking again beats waiting for the next timeout and a new term.
      const request = this.voteRequest();
      this.broadcast(
        request,
        this.others().filter((server) => !role.votes.has(server)),
      );
    } else {
      return;
    }
    this.armHeartbeatTimer();
  }

  onElectionTimer(_timer: ElectionTimer): void {
    this.electionTimerPending = false;
    if (this.raftRole.kind === 'leader') return;
    if (this.heardFromLeader) this.heardFromLeader = false;
    else this.startElection();
    this.armElectionTimer();
  }

  // Terms and roles

  /**
   * Figure 2's rule for all servers: a message of a higher term makes this server a follower of
   * that term, with no vote yet. Returns whether this server stepped down from leading or
   * candidacy.
   */
  protected observeTerm(term: number): boolean {
    if (term <= this.currentTerm) return false;
    this.currentTerm = term;
    this.votedFor = null;
    const wasFollower = this.raftRole.kind === 'follower';
    if (!wasFollower) this.becomeFollower();
    return !wasFollower;
  }

  protected becomeFollower(): void {
    this.raftRole = { kind: 'follower' };
    this.armElectionTimer();
  }

  protected startElection(): void {
    this.currentTerm++;
    this.votedFor = this.address;
    this.raftRole = { kind: 'candidate', votes: new Set([this.address]) };
    if (this.majority() <= 1) {
      this.becomeLeader();
      return;
    }
    this.broadcast(this.voteRequest(), this.others());
    this.armHeartbeatTimer();
  }

  protected becomeLeader(): void {
    const leader: Leader = { kind: 'leader', nextIndex: new Map(), matchIndex: new Map() };
    for (const server of this.others()) {
      leader.nextIndex.set(server, this.lastLogIndex() + 1);
      leader.matchIndex.set(server, 0);
    }
    this.raftRole = leader;
    this.onElected();
    // The first heartbeat asserts leadership at once, before another candidate times out.
    for (const server of this.others()) this.replicateTo(leader, server);
    this.armHeartbeatTimer();
  }

  /**
   * The election restriction (section 5.4.1): vote only for a candidate whose log is at least as
   * up-to-date as this server's — a later last term, or the same last term and at least as long.
   */
  protected candidateIsUpToDate(lastLogIndex: number, lastLogTerm: number): boolean {
    const ownLastTerm = this.termAt(this.lastLogIndex()) ?? 0;
    if (lastLogTerm !== ownLastTerm) return lastLogTerm > ownLastTerm;
    return lastLogIndex >= this.lastLogIndex();
  }

  protected voteRequest(): RequestVote {
    return {
      kind: 'RequestVote',
      term: this.currentTerm,
      lastLogIndex: this.lastLogIndex(),
      lastLogTerm: this.termAt(this.lastLogIndex()) ?? 0,
    };
  }

  // Follower's log

  /**
   * Appends entries after `prevIndex`, whose entry matches the leader's. An entry that conflicts
   * (same index, another term) is deleted with everything after it; an entry already there is
   * kept, so that a stale, reordered AppendEntries never shortens the log.
   */
  protected appendFrom(prevIndex: number, entries: readonly LogEntry<C>[]): void {
    for (let k = 0; k < entries.length; k++) {
      const index = prevIndex + 1 + k;
      const entry = entries[k] as LogEntry<C>;
      const own = this.termAt(index);
      if (own === entry.term) continue;
      if (own !== undefined) this.truncateFrom(index);
      this.log.push(...entries.slice(k));
      return;
    }
  }

  /** Deletes the entry at `index` and every one after it. */
  protected truncateFrom(index: number): void {
    this.log.length = index - this.snapshotLastIndex - 1;
  }

  protected conflictReply(prevIndex: number, ownTerm: number | undefined): AppendEntriesReply {
    if (ownTerm === undefined) return this.appendReply(false, 0, this.lastLogIndex() + 1, null);
    let first = prevIndex;
    while (first - 1 > this.snapshotLastIndex && this.termAt(first - 1) === ownTerm) first--;
    return this.appendReply(false, 0, first, ownTerm);
  }

  protected appendReply(
    success: boolean,
    matchIndex: number,
    conflictIndex: number,
    conflictTerm: number | null,
  ): AppendEntriesReply {
    return {
      kind: 'AppendEntriesReply',
      term: this.currentTerm,
      success,
      matchIndex,
      conflictIndex,
      conflictTerm,
    };
  }

  // Leader

  /**
   * Sends one follower what it needs from `nextIndex` on: the snapshot if the log no longer holds
   * that entry's predecessor, else a batch of entries (none: a heartbeat). `nextIndex` moves past
   * the batch at once, so that the next heartbeat does not send it again; a lost batch shows as a
   * failed log-matching check, which moves it back.
   */
  protected replicateTo(leader: Leader, server: Address): void {
    const next = leader.nextIndex.get(server) ?? 1;
    if (next <= this.snapshotLastIndex) {
      this.send(
        {
          kind: 'InstallSnapshot',
          term: this.currentTerm,
          lastIncludedIndex: this.snapshotLastIndex,
          lastIncludedTerm: this.snapshotLastTerm,
          state: this.snapshotState,
        },
        server,
      );
      return;
    }
    const prevIndex = next - 1;
    const from = prevIndex - this.snapshotLastIndex;
    const entries = this.log.slice(from, from + ENTRIES_PER_MESSAGE_MAX);
    this.send(
      {
        kind: 'AppendEntries',
        term: this.currentTerm,
        prevLogIndex: prevIndex,
        prevLogTerm: this.termAt(prevIndex) ?? 0,
        entries,
        leaderCommit: this.committedIndex,
      },
      server,
    );
    leader.nextIndex.set(server, next + entries.length);
  }

  protected recordMatch(leader: Leader, server: Address, matchIndex: number): void {
    if (matchIndex > (leader.matchIndex.get(server) ?? 0)) {
      leader.matchIndex.set(server, matchIndex);
      this.advanceCommitIndex();
    }
    if (matchIndex + 1 > (leader.nextIndex.get(server) ?? 1))
      leader.nextIndex.set(server, matchIndex + 1);
  }

  /**
   * Fast backtracking: skip every entry of the follower's conflicting term at once — to just
   * after the leader's last entry of that term if it has one, else to the first index the
   * follower holds of it — or, for a short log, to just after the follower's last entry.
   */
  protected backtrackedIndex(reply: AppendEntriesReply): number {
    if (reply.conflictTerm === null) return Math.min(reply.conflictIndex, this.lastLogIndex() + 1);
    for (let index = this.lastLogIndex(); index > this.snapshotLastIndex; index--) {
      const term = this.termAt(index) ?? 0;
      if (term === reply.conflictTerm) return index + 1;
      if (term < reply.conflictTerm) break;
    }
    return reply.conflictIndex;
  }

  /**
   * Figure 8's rule: an index is committed once a majority holds it and its entry is of the
   * current term. An older term's entry held by a majority could still be overwritten by a
   * leader of a later term that lacks it; it is committed only indirectly, with a current-term
   * entry after it.
   */
  protected advanceCommitIndex(): void {
    const role = this.raftRole;
    if (role.kind !== 'leader') return;
    for (let index = this.lastLogIndex(); index > this.committedIndex; index--) {
      if (!this.mayCommitByCounting(index)) break;
      let holders = 1;
      for (const server of this.others())
        if ((role.matchIndex.get(server) ?? 0) >= index) holders++;
      if (holders >= this.majority()) {
        this.committedIndex = index;
        this.applyCommitted();
        return;
      }
    }
  }

  /** Whether counting replicas may commit the entry at `index`: only of the current term. */
  protected mayCommitByCounting(index: number): boolean {
    return this.termAt(index) === this.currentTerm;
  }

  // The service

  /** Applies the committed entries not applied yet, in order, and compacts when due. */
  protected applyCommitted(): void {
    while (this.lastApplied < this.committedIndex) {
      const entry = this.entryAt(this.lastApplied + 1);
      if (entry === undefined) return;
      this.lastApplied++;
      this.applyCommand(this.lastApplied, entry.command);
    }
    const policy = this.snapshotPolicy;
    if (policy !== null && this.lastApplied - this.snapshotLastIndex >= policy.everyEntries)
      this.compactThrough(this.lastApplied);
  }

  /** Replaces the entries up to `index` (applied) by a snapshot of the service. */
  protected compactThrough(index: number): void {
    const term = this.termAt(index) ?? this.snapshotLastTerm;
    this.log = this.log.slice(index - this.snapshotLastIndex);
    this.snapshotLastIndex = index;
    this.snapshotLastTerm = term;
    this.snapshotState = this.serviceSnapshot();
  }

  protected entryAt(index: number): LogEntry<C> | undefined {
    if (index <= this.snapshotLastIndex) return undefined;
    return this.log[index - this.snapshotLastIndex - 1];
  }

  // Utilities

  protected majority(): number {
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
