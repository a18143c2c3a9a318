import { checkThat, type LabTest, labTest } from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import { backupTest, countTest, concurrentStartsTest } from './agreement-load-tests.ts';
import { RAFT_ELECTION_TIMEOUT_MS, RaftTester } from './raft-tester.ts';

/** A 5000-character string drawn from the tester's generator (MIT's randstring). */
function randomString(tester: RaftTester, length: number): string {
  let text = '';
  while (text.length < length) text += tester.random.integer(0, 2 ** 31 - 1).toString(36);
  return text.slice(0, length);
}

/** Part 2 (MIT's 3B): log replication and agreement. */
export function agreementTests(implementation: RaftImplementation): LabTest[] {
  const tester = (context: Parameters<LabTest['run']>[0], servers: number): RaftTester =>
    new RaftTester(context, implementation, servers, true, false);
  return [
    labTest({
      part: 2,
      number: 1,
      points: 5,
      kind: 'run',
      description:
        'Basic agreement: 5 servers commit 3 commands at indices 1, 2, 3, none before its Start',
      run: (context) => {
        const raft = tester(context, 5);
        for (let index = 1; index <= 3; index++) {
          const { count } = raft.committed(index);
          checkThat(count === 0, 'some have committed before Start()');
          const got = raft.one(index * 100, 5, false);
          checkThat(got === index, `got index ${got} but expected ${index}`);
        }
      },
    }),
    labTest({
      part: 2,
      number: 2,
      points: 5,
      kind: 'run',
      description:
        'RPC byte count: 10 commands of 5000 bytes on 3 servers send at most 3 × their bytes + 50,000',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(99, 3, false);
        const bytes0 = raft.recorder.bytesTotal;
        let sent = 0;
        for (let index = 2; index < 12; index++) {
          const command = randomString(raft, 5000);
          const got = raft.one(command, 3, false);
          checkThat(got === index, `got index ${got} but expected ${index}`);
          sent += command.length;
        }
        const got = raft.recorder.bytesTotal - bytes0;
        const expected = 3 * sent;
        context.note(`${got} RPC bytes for ${sent} bytes of commands (bound ${expected + 50_000})`);
        checkThat(got <= expected + 50_000, `too many RPC bytes; got ${got}, expected ${expected}`);
      },
    }),
    labTest({
      part: 2,
      number: 3,
      points: 5,
      kind: 'run',
      description:
        'Progressive failure of followers: agreement with one follower cut off; none with both',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(101, 3, false);
        const leader1 = raft.checkOneLeader();
        raft.disconnect((leader1 + 1) % 3);
        raft.one(102, 2, false);
        raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
        raft.one(103, 2, false);
        const leader2 = raft.checkOneLeader();
        raft.disconnect((leader2 + 1) % 3);
        raft.disconnect((leader2 + 2) % 3);
        const started = raft.start(leader2, 104);
        checkThat(started !== null, 'leader rejected Start()');
        checkThat(started?.index === 4, `expected index 4, got ${started?.index}`);
        raft.sleep(2 * RAFT_ELECTION_TIMEOUT_MS);
        const { count } = raft.committed(4);
        checkThat(count === 0, `${count} committed but no majority`);
      },
    }),
    labTest({
      part: 2,
      number: 4,
      points: 5,
      kind: 'run',
      description:
        'Failure of leaders: agreement after the leader is cut off; none after the next one is too',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(101, 3, false);
        raft.disconnect(raft.checkOneLeader());
        raft.one(102, 2, false);
        raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
        raft.one(103, 2, false);
        raft.disconnect(raft.checkOneLeader());
        for (let i = 0; i < 3; i++) raft.start(i, 104);
        raft.sleep(2 * RAFT_ELECTION_TIMEOUT_MS);
        const { count } = raft.committed(4);
        checkThat(count === 0, `${count} committed but no majority`);
      },
    }),
    labTest({
      part: 2,
      number: 5,
      points: 5,
      kind: 'run',
      description: 'Agreement after a follower reconnects: it catches up on the entries it missed',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(101, 3, false);
        const leader = raft.checkOneLeader();
        raft.disconnect((leader + 1) % 3);
        raft.one(102, 2, false);
        raft.one(103, 2, false);
        raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
        raft.one(104, 2, false);
        raft.one(105, 2, false);
        raft.connect((leader + 1) % 3);
        raft.one(106, 3, true);
        raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
        raft.one(107, 3, true);
      },
    }),
    labTest({
      part: 2,
      number: 6,
      points: 5,
      kind: 'run',
      description:
        'No agreement if too many followers disconnect (3 of 5); agreement once they return, at index 2 or 3',
      run: (context) => {
        const raft = tester(context, 5);
        raft.one(10, 5, false);
        const leader = raft.checkOneLeader();
        for (const k of [1, 2, 3]) raft.disconnect((leader + k) % 5);
        const started = raft.start(leader, 20);
        checkThat(started !== null, 'leader rejected Start()');
        checkThat(started?.index === 2, `expected index 2, got ${started?.index}`);
        raft.sleep(2 * RAFT_ELECTION_TIMEOUT_MS);
        const { count } = raft.committed(2);
        checkThat(count === 0, `${count} committed but no majority`);
        for (const k of [1, 2, 3]) raft.connect((leader + k) % 5);
        // The leader may have lost to one of them; either way index 2 is free again.
        const leader2 = raft.checkOneLeader();
        const again = raft.start(leader2, 30);
        checkThat(again !== null, 'leader2 rejected Start()');
        const index = again?.index ?? 0;
        checkThat(index >= 2 && index <= 3, `unexpected index ${index}`);
        raft.one(1000, 5, true);
      },
    }),
    concurrentStartsTest(implementation),
    labTest({
      part: 2,
      number: 8,
      points: 5,
      kind: 'run',
      description:
        'Rejoin of a partitioned leader: its uncommitted entries are replaced by the new leader’s log',
      run: (context) => {
        const raft = tester(context, 3);
        raft.one(101, 3, true);
        const leader1 = raft.checkOneLeader();
        raft.disconnect(leader1);
        // The cut-off leader appends entries that can never commit.
        raft.start(leader1, 102);
        raft.start(leader1, 103);
        raft.start(leader1, 104);
        raft.one(103, 2, true);
        const leader2 = raft.checkOneLeader();
        raft.disconnect(leader2);
        raft.connect(leader1);
        raft.one(104, 2, true);
        raft.connect(leader2);
        raft.one(105, 3, true);
      },
    }),
    backupTest(implementation),
    countTest(implementation),
  ];
}
