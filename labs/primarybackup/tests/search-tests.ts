import type { LabTest } from '../../../framework/testing.ts';
import type { PrimaryBackupImplementation } from '../implementation.ts';

/** Part 2's search tests (numbered 16–20, as DSLabs's). */
export function searchTests(_implementation: PrimaryBackupImplementation): LabTest[] {
  return [];
}
