import type { RaftImplementation } from '../../labs/raft/implementation.ts';
import {
  doubleVoting,
  previousTermCounting,
  suffixKeeping,
  voteForgetting,
} from './broken-servers.ts';

/** A deliberately broken Raft solution, and the graded test (part, number) that catches it. */
export interface RaftMutant {
  readonly name: string;
  readonly implementation: RaftImplementation;
  readonly caughtBy: readonly [number, number];
}

/**
 * The Raft lab's mutation catalogue: the suite, at its default seed, fails on each
 * (`mutation-catalogue.test.ts`): the four mistakes the issue names.
 */
export const RAFT_MUTANTS: readonly RaftMutant[] = [
  {
    name: 'commits a previous-term entry by counting replicas (figure 8)',
    implementation: previousTermCounting,
    caughtBy: [3, 4],
  },
  {
    name: 'grants two votes in one term',
    implementation: doubleVoting,
    caughtBy: [3, 4],
  },
  {
    name: 'does not truncate a conflicting suffix',
    implementation: suffixKeeping,
    caughtBy: [2, 6],
  },
  {
    name: 'forgets votedFor on restart',
    implementation: voteForgetting,
    caughtBy: [6, 4],
  },
];
