import type { LabTest } from '../../../framework/testing.ts';
import { referenceImplementation, type RaftImplementation } from '../implementation.ts';
import { agreementTests } from './agreement-tests.ts';
import { churnTests } from './churn-tests.ts';
import { electionTests } from './election-tests.ts';
import { figure8Tests } from './figure8-tests.ts';
import { kvTests } from './kv-tests.ts';
import { otherLabsTests } from './other-labs-tests.ts';
import { persistenceTests } from './persistence-tests.ts';
import { searchTests } from './search-tests.ts';
import { snapshotTests } from './snapshot-tests.ts';

/**
 * The Raft lab's numbered tests, on the given implementation (the reference solution by
 * default). Parts 1–4 are MIT 6.5840's Raft tests (3A election, 3B agreement, 3C persistence,
 * 3D snapshots) in simulated time; part 5 runs the key-value store on Raft, and part 6
 * searches it; parts 7–9 run lab 3's run tests and lab 4's sharded store on Raft.
 */
export function raftTests(implementation: RaftImplementation = referenceImplementation): LabTest[] {
  return [
    ...electionTests(implementation),
    ...agreementTests(implementation),
    ...persistenceTests(implementation),
    ...figure8Tests(implementation),
    ...churnTests(implementation),
    ...snapshotTests(implementation),
    ...kvTests(implementation),
    ...searchTests(implementation),
    ...otherLabsTests(),
  ];
}
