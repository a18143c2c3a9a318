import type { PaxosImplementation } from '../../labs/paxos/implementation.ts';
import {
  ballotForgetting,
  eagerCollecting,
  eagerDeciding,
  eagerReply,
  firstEntry,
  logForgetting,
  oldHeartbeat,
  outOfOrder,
  ownProposal,
  staleAccepting,
  staleLeading,
} from './broken-servers.ts';

/**
 * A deliberately broken lab 3 solution, the variants it is broken in, and the test of the suite
 * that catches it first.
 */
export interface PaxosMutant {
  readonly name: string;
  readonly implementation: PaxosImplementation;
  /**
   * Per variant it is broken in: the graded test (part, number) that fails on it at the default
   * seed.
   */
  readonly caughtBy: Partial<Record<'basic' | 'optimized', readonly [number, number]>>;
}

/**
 * Lab 3's mutation catalogue: the classic mistakes of a Multi-Paxos implementation. The
 * suite, at its default seeds, fails on each (`mutation-catalogue.test.ts`);
 * `bench/mutation-catalogue.ts` prints every test that catches each, and when.
 */
export const PAXOS_MUTANTS: readonly PaxosMutant[] = [
  {
    name: 'does not persist its promised ballot',
    implementation: ballotForgetting,
    caughtBy: { basic: [3, 12], optimized: [3, 12] },
  },
  {
    name: 'does not persist its accepted log',
    implementation: logForgetting,
    caughtBy: { basic: [3, 12], optimized: [3, 12] },
  },
  {
    name: 'ignores the highest-ballot rule in phase 1 (keeps the first entry heard)',
    implementation: firstEntry,
    caughtBy: { basic: [3, 13], optimized: [3, 13] },
  },
  {
    name: 'accepts below its promised ballot',
    implementation: staleAccepting,
    caughtBy: { basic: [3, 11], optimized: [3, 6] },
  },
  {
    name: 'decides with one vote too few',
    implementation: eagerDeciding,
    caughtBy: { basic: [3, 5], optimized: [3, 5] },
  },
  {
    name: 'a new leader proposes its own choice over an accepted command',
    implementation: ownProposal,
    caughtBy: { basic: [3, 13], optimized: [3, 13] },
  },
  {
    name: 'executes a later slot before an earlier one is chosen',
    implementation: outOfOrder,
    caughtBy: { basic: [3, 1], optimized: [1, 8] },
  },
  {
    name: 'answers a client before the command is chosen and executed',
    implementation: eagerReply,
    caughtBy: { basic: [1, 5], optimized: [1, 5] },
  },
  {
    name: 'garbage-collects slots not executed everywhere',
    implementation: eagerCollecting,
    caughtBy: { basic: [1, 4], optimized: [1, 4] },
  },
  // In the basic variant heartbeats carry no proposals, and an old commit point is safe to learn
  // from.
  {
    name: "a follower takes an old ballot's heartbeat proposals",
    implementation: oldHeartbeat,
    caughtBy: { optimized: [3, 11] },
  },
  {
    name: "keeps leading after learning of a newer ballot's choice (the reference before the stale-leader fix)",
    implementation: staleLeading,
    caughtBy: { basic: [3, 9], optimized: [3, 10] },
  },
];
