import type { Address } from '../../../framework/index.ts';
import {
  checkClientsDone,
  checkResultsLinearizable,
  checkMaxWaitBelow,
  checkResultsOk,
  checkThat,
  type LabTest,
  labTest,
  type NetworkSettings,
  type RandomSource,
  seededRandom,
  type TestContext,
} from '../../../framework/testing.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import {
  differentKeysAppends,
  infiniteAppends,
  infiniteSharedPutGet,
} from '../../kvstore/index.ts';
import { ChosenLogMonitor } from './chosen-log-monitor.ts';
import type { PaxosImplementation } from '../implementation.ts';
import { checkLogs } from './log-run-checks.ts';
import {
  addClients,
  cutRandomLinks,
  healServers,
  partitionServers,
  startRun,
  UNRELIABLE,
  type PaxosRun,
} from './setup.ts';

/** How long the churn tests run, how long each majority lasts, and how long a client may wait. */
const CHURN_MS = 30_000;
const MAJORITY_MS = 2_000;
const CHURN_WAIT_BOUND_MS = 2_000;
/**
 * One-way link failures: each link from one server to another is cut with this
 * probability, drawn anew after each period of 50–500 ms — now shorter than an election
 * timeout, now longer than several.
 */
const LINK_CUT_PROBABILITY = 0.3;
const LINK_PERIOD_MS_MIN = 50;
const LINK_PERIOD_MS_MAX = 500;

/** A random majority of the servers, and the rest. */
function randomSplit(servers: readonly Address[], random: RandomSource): [Address[], Address[]] {
  const shuffled = [...servers];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = random.integer(0, index);
    [shuffled[index], shuffled[other]] = [shuffled[other] as Address, shuffled[index] as Address];
  }
  const majority = Math.floor(servers.length / 2) + 1;
  return [shuffled.slice(0, majority), shuffled.slice(majority)];
}

/** Every client completed at least `count` commands. */
function checkEachCompleted(run: PaxosRun, count: number): void {
  for (const worker of run.simulation.clientWorkers()) {
    checkThat(
      worker.completed >= count,
      `${worker.address} completed only ${worker.completed} commands in ${run.simulation.nowMs} ms`,
    );
  }
}

/** Then clients that start now, on a healed group, finish a finite workload. */
function checkFreshClientsFinish(run: PaxosRun, implementation: PaxosImplementation): void {
  addClients(run, implementation, 3, differentKeysAppends(10), 'fresh');
  run.simulation.runUntilTrue(
    () =>
      run.simulation
        .clientWorkers()
        .every((worker) => !worker.address.startsWith('fresh') || worker.isDone()),
    10_000,
  );
  for (const worker of run.simulation.clientWorkers()) {
    if (worker.address.startsWith('fresh'))
      checkThat(
        worker.isDone(),
        `${worker.address} is not done ${run.simulation.nowMs} ms into the run`,
      );
  }
}

/** Part 2, after the unreliable scenarios: partitions over time, crashes, a group of one. */
export function faultTests(implementation: PaxosImplementation): LabTest[] {
  return [
    labTest({
      part: 2,
      number: 10,
      points: 5,
      kind: 'run',
      description: 'A single partition (the leader in the minority) and heal: no client waits 3 s',
      run: (context) => {
        const run = startRun(context, implementation, 5);
        const [s1, s2, s3, s4, s5] = run.servers as [Address, Address, Address, Address, Address];
        addClients(run, implementation, 5, infiniteAppends());
        run.simulation.runFor(2_000);
        partitionServers(run, [s1, s2], [s3, s4, s5]);
        run.simulation.runFor(3_000);
        healServers(run);
        run.simulation.runFor(3_000);
        checkResultsOk(run.simulation);
        checkMaxWaitBelow(run.simulation, 3_000);
        checkEachCompleted(run, 100);
        checkLogs(run);
      },
    }),
    labTest({
      part: 2,
      number: 11,
      points: 5,
      kind: 'run',
      description:
        'A new random majority every 2 s for 30 s: no client waits 2 s; then fresh clients finish',
      run: (context) => {
        checkChurn(randomMajorities(context, implementation), implementation);
      },
    }),
    labTest({
      part: 2,
      number: 12,
      points: 5,
      kind: 'run',
      description: 'A minority of servers crash and restart, again and again, for 20 s',
      run: (context) => {
        const run = startRun(context, implementation, 5);
        const random = seededRandom(`${context.seed}/crashes`);
        addClients(run, implementation, 3, infiniteAppends());
        for (let elapsedMs = 0; elapsedMs < 20_000; elapsedMs += 1_000) {
          const [, crashed] = randomSplit(run.servers, random);
          for (const server of crashed) run.simulation.stopNode(server);
          run.simulation.runFor(500);
          for (const server of crashed) run.simulation.restartNode(server);
          run.simulation.runFor(500);
        }
        checkResultsOk(run.simulation);
        checkEachCompleted(run, 100);
        checkFreshClientsFinish(run, implementation);
        checkLogs(run);
      },
    }),
    labTest({
      part: 2,
      number: 13,
      points: 5,
      kind: 'run',
      description: 'A group of one server',
      run: (context) => {
        const run = startRun(context, implementation, 1);
        addClients(run, implementation, 3, differentKeysAppends(50));
        run.simulation.runUntilClientsDone(10_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
        checkLogs(run);
      },
    }),
    labTest({
      part: 2,
      number: 14,
      points: 5,
      kind: 'run',
      description:
        'A new random majority every 2 s for 30 s at 80% delivery with duplicates: no client waits 2 s',
      run: (context) => {
        checkChurn(randomMajorities(context, implementation, UNRELIABLE), implementation);
      },
    }),
    labTest({
      part: 2,
      number: 15,
      points: 5,
      kind: 'run',
      description:
        'One-way link failures among 5 servers for 30 s: no slot is ever chosen twice, the history is linearizable; healed, fresh clients finish',
      run: (context) => {
        const run = startRun(context, implementation, 5);
        const random = seededRandom(`${context.seed}/links`);
        addClients(run, implementation, 3, infiniteSharedPutGet());
        const monitor = new ChosenLogMonitor(run);
        for (let elapsedMs = 0; elapsedMs < CHURN_MS;) {
          cutRandomLinks(run, random, LINK_CUT_PROBABILITY);
          const periodMs = random.integer(LINK_PERIOD_MS_MIN, LINK_PERIOD_MS_MAX);
          monitor.runFor(periodMs);
          elapsedMs += periodMs;
        }
        checkResultsOk(run.simulation);
        checkEachCompleted(run, 100);
        checkResultsLinearizable(run.simulation, kvSpec());
        healServers(run);
        checkFreshClientsFinish(run, implementation);
        monitor.observe();
        checkLogs(run);
      },
    }),
  ];
}

/**
 * The first 30 s of test 2.11: 5 servers, 3 clients appending without end, and every 2 s
 * a new random majority of the servers cut off from the rest. Benchmarks run it too.
 */
export function randomMajorities(
  context: TestContext,
  implementation: PaxosImplementation,
  network: Partial<NetworkSettings> = {},
): PaxosRun {
  const run = startRun(context, implementation, 5, network);
  const random = seededRandom(`${context.seed}/majorities`);
  addClients(run, implementation, 3, infiniteAppends());
  for (let elapsedMs = 0; elapsedMs < CHURN_MS; elapsedMs += MAJORITY_MS) {
    const [majority, minority] = randomSplit(run.servers, random);
    partitionServers(run, majority, minority);
    run.simulation.runFor(MAJORITY_MS);
  }
  return run;
}

/**
 * No client waited 2 s, each completed 100 commands; after healing, fresh clients finish and the
 * logs agree.
 */
function checkChurn(run: PaxosRun, implementation: PaxosImplementation): void {
  checkResultsOk(run.simulation);
  checkMaxWaitBelow(run.simulation, CHURN_WAIT_BOUND_MS);
  checkEachCompleted(run, 100);
  healServers(run);
  checkFreshClientsFinish(run, implementation);
  checkLogs(run);
}
