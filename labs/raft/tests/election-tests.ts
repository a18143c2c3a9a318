import { checkThat, type LabTest, labTest } from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import { RAFT_ELECTION_TIMEOUT_MS, RaftTester } from './raft-tester.ts';

/** Part 1 (MIT's 3A): leader election. */
export function electionTests(implementation: RaftImplementation): LabTest[] {
  return [
    labTest({
      part: 1,
      number: 1,
      points: 5,
      kind: 'run',
      description:
        'Initial election: 3 servers elect one leader, agree on a term ≥ 1, and keep it for 2 s without failures',
      run: (context) => {
        const tester = new RaftTester(context, implementation, 3, true, false);
        tester.checkOneLeader();
        tester.sleep(50);
        const term1 = tester.checkTerms();
        checkThat(term1 >= 1, `term is ${term1}, but should be at least 1`);
        tester.sleep(2 * RAFT_ELECTION_TIMEOUT_MS);
        const term2 = tester.checkTerms();
        // MIT only warns here: a spurious election is slow, not wrong.
        if (term1 !== term2)
          context.note('warning: term changed even though there were no failures');
        tester.checkOneLeader();
      },
    }),
    labTest({
      part: 1,
      number: 2,
      points: 5,
      kind: 'run',
      description:
        'Re-election: a new leader after the leader is cut off, none without a majority, one again after healing',
      run: (context) => {
        const tester = new RaftTester(context, implementation, 3, true, false);
        const leader1 = tester.checkOneLeader();
        tester.disconnect(leader1);
        tester.checkOneLeader();
        // The old leader rejoins: it must not disturb the new one.
        tester.connect(leader1);
        const leader2 = tester.checkOneLeader();
        tester.disconnect(leader2);
        tester.disconnect((leader2 + 1) % 3);
        tester.sleep(2 * RAFT_ELECTION_TIMEOUT_MS);
        tester.checkNoLeader();
        tester.connect((leader2 + 1) % 3);
        tester.checkOneLeader();
        tester.connect(leader2);
        tester.checkOneLeader();
      },
    }),
    labTest({
      part: 1,
      number: 3,
      points: 5,
      kind: 'run',
      description:
        'Many elections: 7 servers, 10 rounds cutting off 3 random servers; the other 4 always elect one leader',
      run: (context) => {
        const servers = 7;
        const tester = new RaftTester(context, implementation, servers, true, false);
        tester.checkOneLeader();
        for (let round = 0; round < 10; round++) {
          const cut = [0, 1, 2].map(() => tester.random.integer(0, servers - 1));
          for (const server of cut) tester.disconnect(server);
          tester.checkOneLeader();
          for (const server of cut) tester.connect(server);
        }
        tester.checkOneLeader();
      },
    }),
  ];
}
