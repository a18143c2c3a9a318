import type { LabTest } from '../../../framework/testing.ts';
import { referenceImplementation, type ShardMasterImplementation } from '../implementation.ts';
import { applicationTests } from './application-tests.ts';
import { replicatedTest } from './replicated-tests.ts';

/**
 * Lab 4 part 1's numbered tests, on the given implementation (the reference solution by
 * default): the shard master as an application, then replicated by the lab 3 Paxos servers.
 */
export function shardMasterTests(
  implementation: ShardMasterImplementation = referenceImplementation,
): LabTest[] {
  return [...applicationTests(implementation), replicatedTest(implementation)];
}
