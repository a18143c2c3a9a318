import { type LabTest, labTest } from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import { RAFT_ELECTION_TIMEOUT_MS, RaftTester } from './raft-tester.ts';

/** Restarts a server on its persisted state and connects it (MIT's start1 and connect). */
function revive(raft: RaftTester, i: number): void {
  raft.restart(i);
  raft.connect(i);
}

/** Part 3 (MIT's 3C), first half: persistence across crashes. */
export function persistenceTests(implementation: RaftImplementation): LabTest[] {
  const tester = (context: Parameters<LabTest['run']>[0], servers: number): RaftTester =>
    new RaftTester(context, implementation, servers, true, false);
  return [
    labTest({
      part: 3,
      number: 1,
      points: 5,
      kind: 'run',
      description:
        'Basic persistence: agreement survives restarting every server, the leader, and a follower',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(11, 3, true);
        for (let i = 0; i < 3; i++) raft.restart(i);
        for (let i = 0; i < 3; i++) {
          raft.disconnect(i);
          raft.connect(i);
        }
        raft.one(12, 3, true);
        const leader1 = raft.checkOneLeader();
        raft.disconnect(leader1);
        revive(raft, leader1);
        raft.one(13, 3, true);
        const leader2 = raft.checkOneLeader();
        raft.disconnect(leader2);
        raft.one(14, 2, true);
        revive(raft, leader2);
        raft.wait(4, 3, -1);
        const i3 = (raft.checkOneLeader() + 1) % 3;
        raft.disconnect(i3);
        raft.one(15, 2, true);
        revive(raft, i3);
        raft.one(16, 3, true);
      },
    }),
    labTest({
      part: 3,
      number: 2,
      points: 5,
      kind: 'run',
      description:
        'More persistence: 5 servers, 5 rounds of partitions and restarts of minorities and majorities',
      run: (context) => {
        const raft = tester(context, 5);
        let index = 1;
        for (let round = 0; round < 5; round++) {
          raft.one(10 + index++, 5, true);
          const leader1 = raft.checkOneLeader();
          raft.disconnect((leader1 + 1) % 5);
          raft.disconnect((leader1 + 2) % 5);
          raft.one(10 + index++, 3, true);
          for (const k of [0, 3, 4]) raft.disconnect((leader1 + k) % 5);
          revive(raft, (leader1 + 1) % 5);
          revive(raft, (leader1 + 2) % 5);
          raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
          revive(raft, (leader1 + 3) % 5);
          raft.one(10 + index++, 3, true);
          raft.connect((leader1 + 4) % 5);
          raft.connect((leader1 + 0) % 5);
        }
        raft.one(1000, 5, true);
      },
    }),
    labTest({
      part: 3,
      number: 3,
      points: 5,
      kind: 'run',
      description:
        'Partitioned leader and one peer crash, the third reboots: agreement resumes from the persisted logs',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(101, 3, true);
        const leader = raft.checkOneLeader();
        raft.disconnect((leader + 2) % 3);
        raft.one(102, 2, true);
        raft.crash((leader + 0) % 3);
        raft.crash((leader + 1) % 3);
        raft.connect((leader + 2) % 3);
        revive(raft, (leader + 0) % 3);
        raft.one(103, 2, true);
        revive(raft, (leader + 1) % 3);
        raft.one(104, 3, true);
      },
    }),
  ];
}
