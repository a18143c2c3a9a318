import { checkThat, type LabTest, labTest } from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import { RAFT_ELECTION_TIMEOUT_MS, RaftTester } from './raft-tester.ts';

/** MIT's TestConcurrentStarts: five Starts at once in one term all commit. */
export function concurrentStartsTest(implementation: RaftImplementation): LabTest {
  return labTest({
    part: 2,
    number: 7,
    points: 5,
    kind: 'run',
    description:
      'Concurrent starts: 5 commands started at once in one term all commit, on all 3 servers',
    run: (context) => {
      const raft = new RaftTester(context, implementation, 3, true, false);
      for (let attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) raft.sleep(3000);
        const leader = raft.checkOneLeader();
        const first = raft.start(leader, 1);
        if (first === null) continue;
        const indices: number[] = [];
        for (let i = 0; i < 5; i++) {
          const started = raft.start(leader, 100 + i);
          if (started !== null && started.term === first.term) indices.push(started.index);
        }
        // A term change means another election: low RPC counts cannot be expected.
        if (raft.servers.some((_, j) => raft.state(j).term !== first.term)) continue;
        const commands: unknown[] = [];
        let movedOn = false;
        for (const index of indices) {
          const command = raft.wait(index, 3, first.term);
          if (command === null) {
            movedOn = true;
            break;
          }
          commands.push(command);
        }
        if (movedOn) continue;
        for (let i = 0; i < 5; i++)
          checkThat(commands.includes(100 + i), `cmd ${100 + i} missing in ${commands.join(',')}`);
        return;
      }
      checkThat(false, 'term changed too often');
    },
  });
}

/**
 * MIT's TestBackup: a leader and one follower append 50 entries that cannot commit while the other
 * three commit 50 of their own, twice over; the logs must be repaired quickly.
 */
export function backupTest(implementation: RaftImplementation): LabTest {
  return labTest({
    part: 2,
    number: 9,
    points: 5,
    kind: 'run',
    description:
      'Leader backs up quickly over incorrect follower logs: 5 servers, two minorities of 50 uncommitted entries each',
    run: (context) => {
      const raft = new RaftTester(context, implementation, 5, true, false);
      raft.one(raft.randomCommand(), 5, true);
      const leader1 = raft.checkOneLeader();
      for (const k of [2, 3, 4]) raft.disconnect((leader1 + k) % 5);
      for (let i = 0; i < 50; i++) raft.start(leader1, raft.randomCommand());
      raft.sleep(RAFT_ELECTION_TIMEOUT_MS / 2);
      raft.disconnect((leader1 + 0) % 5);
      raft.disconnect((leader1 + 1) % 5);
      for (const k of [2, 3, 4]) raft.connect((leader1 + k) % 5);
      for (let i = 0; i < 50; i++) raft.one(raft.randomCommand(), 3, true);
      const leader2 = raft.checkOneLeader();
      let other = (leader1 + 2) % 5;
      if (leader2 === other) other = (leader2 + 1) % 5;
      raft.disconnect(other);
      for (let i = 0; i < 50; i++) raft.start(leader2, raft.randomCommand());
      raft.sleep(RAFT_ELECTION_TIMEOUT_MS / 2);
      for (let i = 0; i < 5; i++) raft.disconnect(i);
      raft.connect((leader1 + 0) % 5);
      raft.connect((leader1 + 1) % 5);
      raft.connect(other);
      for (let i = 0; i < 50; i++) raft.one(raft.randomCommand(), 3, true);
      for (let i = 0; i < 5; i++) raft.connect(i);
      raft.one(raft.randomCommand(), 5, true);
    },
  });
}

/** MIT's TestCount: RPC counts to elect, to agree, and while idle. */
export function countTest(implementation: RaftImplementation): LabTest {
  return labTest({
    part: 2,
    number: 10,
    points: 5,
    kind: 'run',
    description:
      'RPC counts: at most 30 to elect, at most 42 for a dozen agreements in one term, at most 60 in one idle second',
    run: (context) => {
      const raft = new RaftTester(context, implementation, 3, true, false);
      const leader0 = raft.checkOneLeader();
      const total1 = raft.rpcTotal();
      checkThat(
        total1 <= 30 && total1 >= 1,
        `too many or few RPCs (${total1}) to elect initial leader`,
      );
      const iterations = 10;
      let total2 = 0;
      let agreed = false;
      let leader = leader0;
      for (let attempt = 0; attempt < 5 && !agreed; attempt++) {
        if (attempt > 0) raft.sleep(3000);
        leader = raft.checkOneLeader();
        const before = raft.rpcTotal();
        const first = raft.start(leader, 1);
        if (first === null) continue;
        const commands: number[] = [];
        let failed = false;
        for (let i = 1; i < iterations + 2; i++) {
          const command = raft.randomCommand();
          commands.push(command);
          const started = raft.start(leader, command);
          if (started === null || started.term !== first.term) {
            failed = true;
            break;
          }
          checkThat(started.index === first.index + i, 'Start() failed');
        }
        if (failed) continue;
        for (let i = 1; i < iterations + 1; i++) {
          const command = raft.wait(first.index + i, 3, first.term);
          if (command === null) {
            failed = true;
            break;
          }
          checkThat(
            command === commands[i - 1],
            `wrong value ${JSON.stringify(command)} committed for index ${first.index + i}`,
          );
        }
        if (failed || raft.servers.some((_, j) => raft.state(j).term !== first.term)) continue;
        total2 = raft.rpcTotal();
        const used = total2 - before;
        context.note(`${total1} RPCs to elect, ${used} for ${iterations + 2} agreements`);
        checkThat(
          used <= (iterations + 1 + 3) * 3,
          `too many RPCs (${used}) for ${iterations} entries`,
        );
        agreed = true;
      }
      checkThat(agreed, 'term changed too often');
      raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
      const idle = raft.rpcTotal() - total2;
      context.note(`${idle} RPCs in one idle second`);
      checkThat(idle <= 3 * 20, `too many RPCs (${idle}) for 1 second of idleness`);
    },
  });
}
