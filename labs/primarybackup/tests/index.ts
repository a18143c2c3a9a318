import type { LabTest } from '../../../framework/testing.ts';
import { referenceImplementation, type PrimaryBackupImplementation } from '../implementation.ts';
import { runTests } from './run-tests.ts';
import { searchTests } from './search-tests.ts';
import { viewServerTests } from './view-server-tests.ts';

/**
 * Lab 2's numbered tests, on the given implementation (the reference solution by default).
 * Part 1: the view server alone; part 2: primary-backup runs, then searches.
 */
export function primaryBackupTests(
  implementation: PrimaryBackupImplementation = referenceImplementation,
): LabTest[] {
  return [
    ...viewServerTests(implementation),
    ...runTests(implementation),
    ...searchTests(implementation),
  ];
}
