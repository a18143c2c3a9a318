import type { Address } from '../../framework/index.ts';

/** A follower: it answers leaders and candidates, and waits for its election timeout. */
export interface Follower {
  readonly kind: 'follower';
}

/** A candidate: the servers that granted it their vote in its term, itself included. */
export interface Candidate {
  readonly kind: 'candidate';
  readonly votes: Set<Address>;
}

/**
 * A leader, with figure 2's volatile leader state: for each other server, the next index to send
 * it (`nextIndex`) and the highest index known to match its log (`matchIndex`).
 */
export interface Leader {
  readonly kind: 'leader';
  readonly nextIndex: Map<Address, number>;
  readonly matchIndex: Map<Address, number>;
}

/** What a server does in its current term. */
export type RaftRole = Follower | Candidate | Leader;

/** The role names, as tests and the visualizer show them. */
export type RaftRoleName = RaftRole['kind'];
