import type { LabTest } from '../../../framework/index.ts';
import { referenceImplementation, type ShardMasterImplementation } from '../implementation.ts';
import { applicationTests } from './application-tests.ts';

/**
 * Lab 4 part 1's numbered tests, on the given implementation (the reference solution by
 * default): the shard master as an application.
 */
export function shardMasterTests(
  implementation: ShardMasterImplementation = referenceImplementation,
): LabTest[] {
  return applicationTests(implementation);
}
