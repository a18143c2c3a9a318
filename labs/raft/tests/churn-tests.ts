import { checkThat, type LabTest, labTest } from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import { RAFT_ELECTION_TIMEOUT_MS, RaftTester } from './raft-tester.ts';

const SERVERS = 5;
const CLIENTS = 3;
const CHURN_ROUNDS = 20;

/**
 * One of MIT's churn clients: it starts random commands on whichever servers lead, and keeps the
 * ones it saw committed at their index; it stops when `running` says so.
 */
function* churnClient(
  raft: RaftTester,
  me: number,
  running: () => boolean,
  values: number[],
): Generator<number, void> {
  while (running()) {
    const command = raft.randomCommand();
    let index = -1;
    for (let i = 0; i < SERVERS; i++) {
      const started = raft.start(i, command);
      if (started !== null) index = started.index;
    }
    if (index === -1) {
      yield 79 + me * 17;
      continue;
    }
    for (const pause of [10, 20, 50, 100, 200]) {
      const { count, command: applied } = raft.committed(index);
      if (count > 0) {
        if (applied === command) values.push(command);
        break;
      }
      yield pause;
    }
  }
}

/** The churner: 20 rounds of random disconnections, crashes and restarts, 700 ms apart. */
function* churn(raft: RaftTester): Generator<number, void> {
  for (let round = 0; round < CHURN_ROUNDS; round++) {
    if (raft.random.integer(0, 999) < 200) raft.disconnect(raft.random.integer(0, SERVERS - 1));
    if (raft.random.integer(0, 999) < 500) {
      const i = raft.random.integer(0, SERVERS - 1);
      if (raft.isCrashed(i)) raft.restart(i);
      raft.connect(i);
    }
    if (raft.random.integer(0, 999) < 200) {
      const i = raft.random.integer(0, SERVERS - 1);
      if (!raft.isCrashed(i)) raft.crash(i);
    }
    yield (RAFT_ELECTION_TIMEOUT_MS * 7) / 10;
  }
}

function churnTest(implementation: RaftImplementation, number: number, reliable: boolean): LabTest {
  return labTest({
    part: 3,
    number,
    points: 5,
    kind: 'run',
    description: `${reliable ? 'Reliable' : 'Unreliable'} churn: 3 clients start commands while servers are cut off, crash and restart for 14 s; every command a client saw committed is in the final agreed log`,
    run: (context) => {
      const raft = new RaftTester(context, implementation, SERVERS, reliable, false);
      let running = true;
      const values: number[][] = [];
      const tasks: Generator<number, unknown>[] = [];
      for (let me = 0; me < CLIENTS; me++) {
        const own: number[] = [];
        values.push(own);
        tasks.push(churnClient(raft, me, () => running, own));
      }
      tasks.push(
        (function* stopAfterChurn(): Generator<number, void> {
          yield* churn(raft);
          running = false;
        })(),
      );
      raft.runConcurrently(tasks);
      raft.sleep(RAFT_ELECTION_TIMEOUT_MS);
      raft.simulation.setNetwork({ deliveryRate: 1, latencyMsMin: 0, latencyMsMax: 5 });
      for (let i = 0; i < SERVERS; i++) {
        if (raft.isCrashed(i)) raft.restart(i);
        raft.connect(i);
      }
      const lastIndex = raft.one(raft.randomCommand(), SERVERS, true);
      const really: unknown[] = [];
      for (let index = 1; index <= lastIndex; index++) really.push(raft.wait(index, SERVERS, -1));
      for (const own of values)
        for (const value of own)
          checkThat(really.includes(value), `didn't find a value ${value} a client saw committed`);
      context.note(`${values.flat().length} client commands committed, ${lastIndex} entries`);
    },
  });
}

/** Part 3 (MIT's 3C), last: churn. */
export function churnTests(implementation: RaftImplementation): LabTest[] {
  return [churnTest(implementation, 7, true), churnTest(implementation, 8, false)];
}
