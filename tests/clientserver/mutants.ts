import type { ClientServerImplementation } from '../../labs/clientserver/implementation.ts';
import { noDuplicateSuppression, nonRetrying, staleResults } from './broken-servers.ts';

/** A deliberately broken lab 1 solution, and graded tests that fail on it at the default seed. */
export interface ClientServerMutant {
  readonly name: string;
  readonly implementation: ClientServerImplementation;
  readonly caughtBy: readonly (readonly [number, number])[];
}

/**
 * Lab 1's mutation catalogue. Test 3.11, the long random search, is named for each server
 * mutant: it used to check nothing (an endless workload with no expected results).
 */
export const CLIENT_SERVER_MUTANTS: readonly ClientServerMutant[] = [
  {
    name: 'no duplicate detection',
    implementation: noDuplicateSuppression,
    caughtBy: [
      [2, 4],
      [3, 3],
      [3, 11],
    ],
  },
  {
    name: 'duplicate detection that answers with a stale result',
    implementation: staleResults,
    caughtBy: [
      [2, 1],
      [3, 1],
      [3, 11],
    ],
  },
  {
    name: 'a client that never retries',
    implementation: nonRetrying,
    caughtBy: [
      [2, 4],
      [3, 1],
    ],
  },
];
