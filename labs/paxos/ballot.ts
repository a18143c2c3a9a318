import type { Address } from '../../framework/index.ts';

/**
 * A ballot (a "proposal number"): a round and the server that leads it. Ballots are
 * totally ordered by round, then by leader address, so two servers never lead the same
 * ballot and any server can always pick a ballot higher than every one it has seen.
 */
export interface Ballot {
  readonly round: number;
  readonly leader: Address;
}

/** Negative when `a` is lower than `b`, zero when equal, positive when higher. */
export function compareBallots(a: Ballot, b: Ballot): number {
  if (a.round !== b.round) return a.round - b.round;
  return a.leader < b.leader ? -1 : a.leader > b.leader ? 1 : 0;
}

/** Whether two ballots are the same. */
export function sameBallot(a: Ballot, b: Ballot): boolean {
  return a.round === b.round && a.leader === b.leader;
}

/**
 * Round 0, led by the first server. Every acceptor starts out having promised it and
 * having accepted nothing, so its phase 1 is already complete: the first server leads it
 * from the start, with no election.
 */
export function initialBallot(servers: readonly Address[]): Ballot {
  const first = servers[0];
  if (first === undefined) throw new RangeError('a Paxos group needs at least one server');
  return { round: 0, leader: first };
}

/** The next round after `ballot`, led by `leader`: higher than `ballot`, whoever leads it. */
export function nextBallot(ballot: Ballot, leader: Address): Ballot {
  return { round: ballot.round + 1, leader };
}
