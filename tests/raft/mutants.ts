import type { RaftImplementation } from '../../labs/raft/implementation.ts';
import { doubleVoting, previousTermCounting } from './broken-servers.ts';

/** A deliberately broken Raft solution, and the graded test (part, number) that catches it. */
export interface RaftMutant {
  readonly name: string;
  readonly implementation: RaftImplementation;
  readonly caughtBy: readonly [number, number];
}

/**
 * The Raft lab's mutation catalogue: the suite, at its default seed, fails on each
 * (`mutation-catalogue.test.ts`). Not yet caught at the default seed, and so not listed:
 * `suffixKeeping` and `voteForgetting` (see broken-servers.ts).
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
];
