import type { Address, Node } from '../../framework/index.ts';
import { goal, nodesInvariant, type Predicate, type SystemState } from '../../framework/testing.ts';
import type { RaftServerNode } from './raft-inspection.ts';
import type { RaftRoleName } from './raft-role.ts';

/** What the invariants read of one server: its term, role, commit point and the log it holds. */
export interface RaftView {
  readonly address: Address;
  readonly term: number;
  readonly role: RaftRoleName;
  readonly commitIndex: number;
  /** The entries from `firstHeld` on (those before are compacted away), as term and command. */
  readonly firstHeld: number;
  readonly terms: readonly number[];
  readonly commands: readonly string[];
}

export function isRaftServer(node: Node): node is RaftServerNode {
  const candidate = node as Partial<RaftServerNode>;
  return typeof candidate.termAt === 'function' && typeof candidate.commitIndex === 'function';
}

export function raftView(server: RaftServerNode): RaftView {
  const firstHeld = server.snapshotIndex() + 1;
  const terms: number[] = [];
  const commands: string[] = [];
  for (let index = firstHeld; index <= server.lastLogIndex(); index++) {
    terms.push(server.termAt(index) ?? -1);
    commands.push(JSON.stringify(server.commandAt(index)));
  }
  return {
    address: server.address,
    term: server.term(),
    role: server.role(),
    commitIndex: server.commitIndex(),
    firstHeld,
    terms,
    commands,
  };
}

const lastIndex = (view: RaftView): number => view.firstHeld + view.terms.length - 1;
const termAt = (view: RaftView, index: number): number | undefined =>
  view.terms[index - view.firstHeld];
const commandAt = (view: RaftView, index: number): string | undefined =>
  view.commands[index - view.firstHeld];

/** Each pair of views, in order, and the first problem of any. */
function pairProblem(
  views: readonly RaftView[],
  problem: (a: RaftView, b: RaftView) => string | undefined,
): string | undefined {
  for (const a of views)
    for (const b of views) {
      if (a === b) continue;
      const found = problem(a, b);
      if (found !== undefined) return found;
    }
  return undefined;
}

/** Election safety: at most one leader per term. */
export function electionSafetyProblem(views: readonly RaftView[]): string | undefined {
  return pairProblem(views, (a, b) =>
    a.role === 'leader' && b.role === 'leader' && a.term === b.term
      ? `${a.address} and ${b.address} both lead term ${a.term}`
      : undefined,
  );
}

/**
 * Log matching: if two logs hold an entry of the same term at one index, they are identical up
 * to it (where both still hold entries).
 */
export function logMatchingProblem(views: readonly RaftView[]): string | undefined {
  return pairProblem(views, (a, b) => {
    const from = Math.max(a.firstHeld, b.firstHeld);
    let matched = -1;
    for (let index = Math.min(lastIndex(a), lastIndex(b)); index >= from; index--)
      if (termAt(a, index) === termAt(b, index)) {
        matched = index;
        break;
      }
    for (let index = from; index <= matched; index++)
      if (termAt(a, index) !== termAt(b, index) || commandAt(a, index) !== commandAt(b, index))
        return `${a.address} and ${b.address} hold entries of term ${termAt(a, matched)} at ${matched} but differ at ${index}`;
    return undefined;
  });
}

/**
 * Leader completeness: a leader holds every entry another server knows committed, when that
 * server's term is not above the leader's (it learned the commit in a term up to the leader's,
 * from the leader itself or from an earlier one).
 */
export function leaderCompletenessProblem(views: readonly RaftView[]): string | undefined {
  return pairProblem(views, (leader, other) => {
    if (leader.role !== 'leader' || other.term > leader.term) return undefined;
    for (
      let index = Math.max(leader.firstHeld, other.firstHeld);
      index <= other.commitIndex;
      index++
    )
      if (termAt(leader, index) !== termAt(other, index))
        return `leader ${leader.address} of term ${leader.term} lacks entry ${index} that ${other.address} committed`;
    return undefined;
  });
}

/** State-machine safety: no two servers commit different entries at one index. */
export function stateMachineSafetyProblem(views: readonly RaftView[]): string | undefined {
  return pairProblem(views, (a, b) => {
    const through = Math.min(a.commitIndex, b.commitIndex);
    for (let index = Math.max(a.firstHeld, b.firstHeld); index <= through; index++)
      if (termAt(a, index) !== termAt(b, index) || commandAt(a, index) !== commandAt(b, index))
        return `${a.address} and ${b.address} committed different entries at ${index}`;
    return undefined;
  });
}

function raftInvariant(
  name: string,
  problem: (views: readonly RaftView[]) => string | undefined,
): Predicate<SystemState> {
  return nodesInvariant(name, { select: isRaftServer, view: raftView, problem });
}

export const ELECTION_SAFETY = raftInvariant('election safety', electionSafetyProblem);
export const LOG_MATCHING = raftInvariant('log matching', logMatchingProblem);
export const LEADER_COMPLETENESS = raftInvariant('leader completeness', leaderCompletenessProblem);
export const STATE_MACHINE_SAFETY = raftInvariant(
  'state-machine safety',
  stateMachineSafetyProblem,
);

/** Figure 3's four safety properties (the fifth, append-only leaders, follows from the code). */
export const RAFT_INVARIANTS: readonly Predicate<SystemState>[] = [
  ELECTION_SAFETY,
  LOG_MATCHING,
  LEADER_COMPLETENESS,
  STATE_MACHINE_SAFETY,
];

/** Goal: some server leads. */
export const LEADER_ELECTED: Predicate<SystemState> = goal('a leader elected', (state) =>
  state.nodes().some((node) => isRaftServer(node) && node.role() === 'leader'),
);
