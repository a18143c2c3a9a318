import { type LabTest, labTest } from '../../../framework/testing.ts';
import { paxosTests } from '../../paxos/tests/index.ts';
import { raftGroupsImplementation } from '../../shardstore/raft-groups.ts';
import { shardStoreTests } from '../../shardstore/tests/index.ts';
import { raftKVImplementation } from '../replicated-kv-store.ts';

/**
 * Lab 3's garbage-collection test wants Paxos's rule (a slot is cleared only once every server
 * has it chosen), which Raft's local snapshots do not follow: see replicated-kv-store.ts.
 */
const PAXOS_ONLY = new Set(['1.11']);

/** `test` as part `part` of this lab, its description saying where it comes from. */
function renumbered(test: LabTest, part: number, origin: string): LabTest {
  return labTest({
    part,
    number: test.number,
    points: test.points,
    kind: test.kind,
    description: `${origin} ${test.part}.${test.number} on Raft: ${test.description}`,
    ...(test.timeLimitS === undefined ? {} : { timeLimitS: test.timeLimitS }),
    run: (context) => test.run(context),
  });
}

/**
 * Parts 7–9: the other labs' tests, unchanged, on Raft — lab 3's run tests on key-value servers
 * that are Raft replicas (part 7: reliable network, part 8: unreliable and faults), and lab 4's
 * sharded store with every replica group on Raft (part 9). The same tests run on Paxos in labs 3
 * and 4: the replicated-log contract (`labs/paxos/replicated-log.ts`) is what both implement.
 */
export function otherLabsTests(): LabTest[] {
  const lab3 = paxosTests(raftKVImplementation).filter(
    (test) => test.kind === 'run' && !PAXOS_ONLY.has(`${test.part}.${test.number}`),
  );
  return [
    ...lab3.filter((test) => test.part === 1).map((test) => renumbered(test, 7, 'Lab 3')),
    ...lab3.filter((test) => test.part === 2).map((test) => renumbered(test, 8, 'Lab 3')),
    ...shardStoreTests(raftGroupsImplementation)
      .filter((test) => test.part === 2)
      .map((test) => renumbered(test, 9, 'Lab 4')),
  ];
}
