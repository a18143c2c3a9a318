import type { Lab, LabTest } from '../../framework/testing.ts';
import { paxosContext } from './tests/setup.ts';
import { transactionTests } from './tests/index.ts';
import { CONCURRENCY_CONTROLS } from './variant.ts';

export { TxnClient } from './txn-client.ts';
export { TxnServer } from './txn-server.ts';

/**
 * Lab 4 with its part 3, cross-shard transactions: `--variant` names the concurrency control,
 * which parts 1 and 2 do not have (their tests run as before, whatever the variant).
 */
export function withTransactions(lab: Lab): Lab {
  return {
    ...lab,
    parts: { ...lab.parts, 3: 'Cross-shard transactions' },
    variants: CONCURRENCY_CONTROLS,
    defaultVariant: CONCURRENCY_CONTROLS[0],
    tests: [...lab.tests.map(ignoringVariant), ...transactionTests()],
    studentFiles: [
      ...(lab.studentFiles ?? []),
      'labs/transactions/txn-group-replica.ts',
      'labs/transactions/txn-server.ts',
      'labs/transactions/txn-client.ts',
    ],
  };
}

function ignoringVariant(test: LabTest): LabTest {
  return { ...test, run: (context) => test.run(paxosContext(context)) };
}
