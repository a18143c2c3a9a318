import { checkThat, type LabTest, labTest } from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import { MAX_LOG_BYTES, RaftTester, SNAPSHOT_INTERVAL } from './raft-tester.ts';

interface SnapshotScenario {
  readonly number: number;
  readonly description: string;
  readonly disconnect: boolean;
  readonly reliable: boolean;
  readonly crash: boolean;
}

const SCENARIOS: readonly SnapshotScenario[] = [
  {
    number: 1,
    description:
      'Snapshots basic: every follower keeps up, the persisted log stays below 2,000 bytes',
    disconnect: false,
    reliable: true,
    crash: false,
  },
  {
    number: 2,
    description:
      'Install snapshots after disconnect: a follower that missed compacted entries catches up',
    disconnect: true,
    reliable: true,
    crash: false,
  },
  {
    number: 3,
    description: 'Install snapshots after disconnect, on an unreliable network (10% loss, 0–26 ms)',
    disconnect: true,
    reliable: false,
    crash: false,
  },
  {
    number: 4,
    description: 'Install snapshots after a crash: the restarted follower starts from its snapshot',
    disconnect: false,
    reliable: true,
    crash: true,
  },
  {
    number: 5,
    description: 'Install snapshots after a crash, on an unreliable network',
    disconnect: false,
    reliable: false,
    crash: true,
  },
];

/** Restarts every server on its persisted state (MIT's crash-all and revive-all). */
function crashAll(raft: RaftTester): void {
  for (let i = 0; i < raft.serverCount; i++) raft.crash(i);
  for (let i = 0; i < raft.serverCount; i++) {
    raft.restart(i);
    raft.connect(i);
  }
}

/** MIT's snapcommon: 30 rounds of 5–14 entries each, snapshots every 10, a victim each round. */
function snapshotScenarioTest(
  implementation: RaftImplementation,
  scenario: SnapshotScenario,
): LabTest {
  return labTest({
    part: 4,
    number: scenario.number,
    points: 5,
    kind: 'run',
    description: scenario.description,
    run: (context) => {
      const servers = 3;
      const raft = new RaftTester(context, implementation, servers, scenario.reliable, true);
      raft.one(raft.randomCommand(), servers, true);
      let leader1 = raft.checkOneLeader();
      for (let round = 0; round < 30; round++) {
        let victim = (leader1 + 1) % servers;
        let sender = leader1;
        if (round % 3 === 1) {
          sender = (leader1 + 1) % servers;
          victim = leader1;
        }
        if (scenario.disconnect) {
          raft.disconnect(victim);
          raft.one(raft.randomCommand(), servers - 1, true);
        }
        if (scenario.crash) {
          raft.crash(victim);
          raft.one(raft.randomCommand(), servers - 1, true);
        }
        // Perhaps enough to get a snapshot.
        const count = SNAPSHOT_INTERVAL / 2 + raft.random.integer(0, SNAPSHOT_INTERVAL - 1);
        for (let k = 0; k < count; k++) raft.start(sender, raft.randomCommand());
        const affected = scenario.disconnect || scenario.crash;
        raft.one(raft.randomCommand(), affected ? servers - 1 : servers, true);
        const size = raft.logSize();
        checkThat(size < MAX_LOG_BYTES, `log size too large: ${size} bytes`);
        if (scenario.disconnect) {
          // The victim may be behind the leader's snapshot: it needs InstallSnapshot.
          raft.connect(victim);
          raft.one(raft.randomCommand(), servers, true);
          leader1 = raft.checkOneLeader();
        }
        if (scenario.crash) {
          raft.restart(victim);
          raft.connect(victim);
          raft.one(raft.randomCommand(), servers, true);
          leader1 = raft.checkOneLeader();
        }
      }
      context.note(`largest persisted Raft state at the end: ${raft.logSize()} bytes`);
    },
  });
}

/** Part 4 (MIT's 3D): log compaction. */
export function snapshotTests(implementation: RaftImplementation): LabTest[] {
  return [
    ...SCENARIOS.map((scenario) => snapshotScenarioTest(implementation, scenario)),
    labTest({
      part: 4,
      number: 6,
      points: 5,
      kind: 'run',
      description:
        'Crash and restart all servers, 5 times, after 5–14 agreements each: the index never goes back',
      run: (context) => {
        const raft = new RaftTester(context, implementation, 3, true, true);
        raft.one(raft.randomCommand(), 3, true);
        for (let round = 0; round < 5; round++) {
          const count = SNAPSHOT_INTERVAL / 2 + raft.random.integer(0, SNAPSHOT_INTERVAL - 1);
          for (let k = 0; k < count; k++) raft.one(raft.randomCommand(), 3, true);
          const index1 = raft.one(raft.randomCommand(), 3, true);
          crashAll(raft);
          const index2 = raft.one(raft.randomCommand(), 3, true);
          checkThat(index2 >= index1 + 1, `index decreased from ${index1} to ${index2}`);
        }
      },
    }),
    labTest({
      part: 4,
      number: 7,
      points: 5,
      kind: 'run',
      description:
        'Snapshot initialization after a crash: a server restarted on a snapshot serves and snapshots again',
      run: (context) => {
        const raft = new RaftTester(context, implementation, 3, true, true);
        raft.one(raft.randomCommand(), 3, true);
        // Enough entries for a snapshot.
        for (let k = 0; k < SNAPSHOT_INTERVAL + 1; k++) raft.one(raft.randomCommand(), 3, true);
        crashAll(raft);
        // A Start after the restart: the server must have read its snapshot.
        raft.one(raft.randomCommand(), 3, true);
        crashAll(raft);
        raft.one(raft.randomCommand(), 3, true);
      },
    }),
  ];
}
