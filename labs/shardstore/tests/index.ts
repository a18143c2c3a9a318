import type { LabTest } from '../../../framework/testing.ts';
import { referenceImplementation, type ShardStoreImplementation } from '../implementation.ts';
import { faultTests, movementLinearizabilityTest } from './fault-tests.ts';
import { garbageCollectionTest } from './garbage-collection-test.ts';
import { movementTests } from './movement-tests.ts';
import { rebalancingTest } from './rebalancing-test.ts';
import { restartTest } from './restart-test.ts';
import { searchTests } from './search-tests.ts';
import { singleGroupTests } from './single-group-tests.ts';

/** Lab 4 part 2's numbered tests, on the given implementation (the reference by default). */
export function shardStoreTests(
  implementation: ShardStoreImplementation = referenceImplementation,
): LabTest[] {
  return [
    ...singleGroupTests(implementation),
    ...movementTests(implementation),
    ...faultTests(implementation),
    ...searchTests(implementation),
    garbageCollectionTest(implementation),
    movementLinearizabilityTest(implementation),
    rebalancingTest(implementation),
    restartTest(implementation),
  ];
}
