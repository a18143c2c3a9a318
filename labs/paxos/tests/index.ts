import type { LabTest } from '../../../framework/testing.ts';
import { referenceImplementation, type PaxosImplementation } from '../implementation.ts';
import { faultTests } from './fault-tests.ts';
import { reliableRunTests, unreliableRunTests } from './run-tests.ts';
import { searchTests } from './search-tests.ts';
import { leaderChangeTests } from './leader-change-tests.ts';

/**
 * Lab 3's numbered tests, on the given implementation (the reference solution by
 * default). Part 1: run tests on a reliable network; part 2: an unreliable network,
 * partitions over time, crashes; part 3: search tests.
 */
export function paxosTests(
  implementation: PaxosImplementation = referenceImplementation,
): LabTest[] {
  return [
    ...reliableRunTests(implementation),
    ...unreliableRunTests(implementation),
    ...faultTests(implementation),
    ...searchTests(implementation),
    ...leaderChangeTests(implementation),
  ];
}
