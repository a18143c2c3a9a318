import type { LabTest } from '../../../framework/testing.ts';
import { referenceTxnImplementation, type TxnImplementation } from '../implementation.ts';
import { transactionFaultTests } from './fault-tests.ts';
import { transactionRunTests } from './run-tests.ts';

/** Lab 4 part 3's numbered tests, on the given implementation (the reference by default). */
export function transactionTests(
  implementation: TxnImplementation = referenceTxnImplementation,
): LabTest[] {
  return [...transactionRunTests(implementation), ...transactionFaultTests(implementation)];
}
