import type { AMOCommand, AMOResult, Address } from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { LogEntry } from './log-entry.ts';

// Clients and servers

/** Client to servers: execute this command (at most once). */
export interface RaftRequest {
  readonly kind: 'RaftRequest';
  readonly command: AMOCommand<KVCommand>;
}

/**
 * Server to client: the result of the command with this sequence number, from the leader that
 * committed it (`leader`), so that the client sends its next command there first.
 */
export interface RaftReply {
  readonly kind: 'RaftReply';
  readonly result: AMOResult<KVResult>;
  readonly leader: Address;
}

// Elections

/**
 * Candidate to servers: vote for me in `term`. The index and term of the candidate's last
 * entry let a voter refuse a candidate whose log is behind its own (the election restriction).
 */
export interface RequestVote {
  readonly kind: 'RequestVote';
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/** Voter to candidate: my current term, and whether I voted for you in it. */
export interface RequestVoteReply {
  readonly kind: 'RequestVoteReply';
  readonly term: number;
  readonly voteGranted: boolean;
}

// Log replication

/**
 * Leader to follower: append `entries` after the entry at `prevLogIndex`, if yours has term
 * `prevLogTerm` (the log-matching check); every entry up to `leaderCommit` is committed. With
 * no entries it is a heartbeat.
 */
export interface AppendEntries<C = unknown> {
  readonly kind: 'AppendEntries';
  readonly term: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly LogEntry<C>[];
  readonly leaderCommit: number;
}

/**
 * Follower to leader. On success, `matchIndex` is the last index the follower now knows to
 * match the leader's log. On a failed log-matching check, the conflict says where to retry
 * (fast backtracking): `conflictTerm` is the term of the follower's entry at `prevLogIndex`
 * and `conflictIndex` the first index it holds of that term, or, when its log is too short,
 * `conflictTerm` is null and `conflictIndex` is its last index plus one.
 */
export interface AppendEntriesReply {
  readonly kind: 'AppendEntriesReply';
  readonly term: number;
  readonly success: boolean;
  readonly matchIndex: number;
  readonly conflictIndex: number;
  readonly conflictTerm: number | null;
}

// Snapshots

/**
 * Leader to a follower that needs entries the leader has compacted away: replace your state
 * with this snapshot of the service, which contains every entry up to `lastIncludedIndex`.
 */
export interface InstallSnapshot<S = unknown> {
  readonly kind: 'InstallSnapshot';
  readonly term: number;
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly state: S;
}

/** Follower to leader: my term, and the snapshot's last index, which I now hold. */
export interface InstallSnapshotReply {
  readonly kind: 'InstallSnapshotReply';
  readonly term: number;
  readonly lastIncludedIndex: number;
}

/** Every message of the Raft protocol between servers, for commands `C` and snapshots `S`. */
export type RaftPeerMessage<C = unknown, S = unknown> =
  | RequestVote
  | RequestVoteReply
  | AppendEntries<C>
  | AppendEntriesReply
  | InstallSnapshot<S>
  | InstallSnapshotReply;

/** The kinds of the protocol's requests (the RPCs the MIT tests count; replies are not). */
export const RAFT_RPC_KINDS: ReadonlySet<string> = new Set([
  'RequestVote',
  'AppendEntries',
  'InstallSnapshot',
]);
