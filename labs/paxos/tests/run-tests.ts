import type { Address } from '../../../framework/index.ts';
import {
  checkClientsDone,
  checkResultsLinearizable,
  checkResultsOk,
  checkStateSizeAbove,
  checkStateSizeBelow,
  checkThat,
  scriptedWorkload,
  sumMessageCounts,
  type LabTest,
  labTest,
  type NetworkSettings,
  type TestContext,
} from '../../../framework/testing.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import {
  differentKeysAppends,
  kvWorkload,
  put,
  sameKeyAppends,
  type KVCommand,
} from '../../kvstore/index.ts';
import type { PaxosImplementation } from '../implementation.ts';
import { checkLogs, checkNoResults } from './log-run-checks.ts';
import {
  addClients,
  healServers,
  partitionServers,
  startRun,
  UNRELIABLE,
  type PaxosRun,
} from './setup.ts';

const SIMPLE_WORKLOAD = kvWorkload(
  ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo', 'GET:missing'],
  ['PutOk', 'barbaz', 'barbaz', 'KeyNotFound'],
);
/** Each client writes, extends and reads a key of its own: the results are known in advance. */
const OWN_KEY_WORKLOAD = kvWorkload(
  ['PUT:key-%a:%a-1', 'APPEND:key-%a:-2', 'GET:key-%a', 'PUT:key-%a:%a-3', 'GET:key-%a'],
  ['PutOk', '%a-1-2', '%a-1-2', 'PutOk', '%a-3'],
);

/** Runs until every client is done (within `limitMs`), then checks the results and the logs. */
function finish(run: PaxosRun, limitMs: number): void {
  run.simulation.runUntilClientsDone(limitMs);
  checkClientsDone(run.simulation);
  checkResultsOk(run.simulation);
  checkLogs(run);
}

/**
 * The scenarios that are run on a reliable network (part 1) and again at 80% delivery with
 * duplicates (part 2).
 */
function scenarioTests(
  implementation: PaxosImplementation,
  part: number,
  network: Partial<NetworkSettings>,
  label: string,
): LabTest[] {
  const start = (context: TestContext, servers: number): PaxosRun =>
    startRun(context, implementation, servers, network);
  /**
   * Five servers split so that no group is a majority, and one client that has waited 2 s for
   * nothing.
   */
  const stuckInMinority = (context: TestContext): PaxosRun => {
    const run = start(context, 5);
    const [s1, s2, s3, s4, s5] = run.servers as [Address, Address, Address, Address, Address];
    partitionServers(run, [s1, s2], [s3], [s4], [s5]);
    addClients(run, implementation, 1, SIMPLE_WORKLOAD);
    run.simulation.runFor(2_000);
    checkNoResults(run.simulation);
    return run;
  };
  return [
    labTest({
      part,
      number: 1,
      points: 5,
      kind: 'run',
      description: `Basic operation with 3 servers${label}`,
      run: (context) => {
        const run = start(context, 3);
        addClients(run, implementation, 1, SIMPLE_WORKLOAD);
        finish(run, 10_000);
      },
    }),
    labTest({
      part,
      number: 2,
      points: 5,
      kind: 'run',
      description: `Basic operation with 5 servers${label}`,
      run: (context) => {
        const run = start(context, 5);
        addClients(run, implementation, 1, SIMPLE_WORKLOAD);
        finish(run, 10_000);
      },
    }),
    labTest({
      part,
      number: 3,
      points: 5,
      kind: 'run',
      description: `Progress with no partition: 5 clients append 20 times each${label}`,
      run: (context) => {
        const run = start(context, 5);
        addClients(run, implementation, 5, differentKeysAppends(20));
        finish(run, 20_000);
      },
    }),
    labTest({
      part,
      number: 4,
      points: 5,
      kind: 'run',
      description: `Progress in a majority partition without the first leader${label}`,
      run: (context) => {
        const run = start(context, 5);
        const [s1, s2, s3, s4, s5] = run.servers as [Address, Address, Address, Address, Address];
        partitionServers(run, [s1, s2], [s3, s4, s5]);
        addClients(run, implementation, 3, differentKeysAppends(10));
        finish(run, 20_000);
      },
    }),
    labTest({
      part,
      number: 5,
      points: 5,
      kind: 'run',
      description: `No progress in a minority: no result within 2 s${label}`,
      run: (context) => {
        const run = stuckInMinority(context);
        checkLogs(run);
      },
    }),
    labTest({
      part,
      number: 6,
      points: 5,
      kind: 'run',
      description: `A pending request completes after the partition heals${label}`,
      run: (context) => {
        const run = stuckInMinority(context);
        healServers(run);
        finish(run, 10_000);
      },
    }),
    labTest({
      part,
      number: 7,
      points: 5,
      kind: 'run',
      description: `One server moves between majorities and the value survives${label}`,
      run: (context) => {
        const run = start(context, 5);
        const [s1, s2, s3, s4, s5] = run.servers as [Address, Address, Address, Address, Address];
        partitionServers(run, [s1, s2, s3], [s4, s5]);
        addClients(run, implementation, 1, kvWorkload(['PUT:foo:bar'], ['PutOk']), 'writer');
        finish(run, 10_000);
        // Only server3 carries the value into the new majority.
        partitionServers(run, [s1, s2], [s3, s4, s5]);
        addClients(
          run,
          implementation,
          1,
          kvWorkload(['APPEND:foo:baz', 'GET:foo'], ['barbaz', 'barbaz']),
          'reader',
        );
        finish(run, 10_000);
      },
    }),
    labTest({
      part,
      number: 8,
      points: 5,
      kind: 'run',
      description: `15 synchronous clients each get exactly their expected results${label}`,
      run: (context) => {
        const run = start(context, 5);
        addClients(run, implementation, 15, OWN_KEY_WORKLOAD);
        finish(run, 20_000);
      },
    }),
    labTest({
      part,
      number: 9,
      points: 5,
      kind: 'run',
      description: `25 clients append to one key: the history is linearizable${label}`,
      run: (context) => {
        const run = start(context, 5);
        addClients(run, implementation, 25, sameKeyAppends(4));
        finish(run, 30_000);
        checkResultsLinearizable(run.simulation, kvSpec());
      },
    }),
  ];
}

/** Messages per agreement, over a steady run of one client. */
function messageCountTest(implementation: PaxosImplementation): LabTest {
  return labTest({
    part: 1,
    number: 10,
    points: 5,
    kind: 'run',
    description: 'At most 15 × servers messages per agreement (5 servers, 1 client, 200 commands)',
    run: (context) => {
      const run = startRun(context, implementation, 5);
      const clients = addClients(run, implementation, 1, differentKeysAppends(200));
      run.simulation.runUntilClientsDone(60_000);
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
      // Every message any node was delivered, the client's replies included.
      const { delivered } = sumMessageCounts(
        [...run.servers, ...clients].map((node) => run.simulation.messageCounts(node)),
      );
      const perAgreement = delivered / 200;
      const bound = 15 * run.servers.length;
      context.note(
        `${perAgreement.toFixed(1)} messages per agreement with ${run.servers.length} servers (bound ${bound})`,
      );
      checkThat(
        perAgreement <= bound,
        `${perAgreement.toFixed(1)} messages per agreement (${delivered} for 200 commands); the bound is ${bound}`,
      );
    },
  });
}

const MEGABYTE = 1_000_000;
const BIG_PUTS = 20;

/** Garbage collection waits for a partitioned server, then frees everything. */
function garbageCollectionTest(implementation: PaxosImplementation): LabTest {
  return labTest({
    part: 1,
    number: 11,
    points: 5,
    kind: 'run',
    description: `Garbage collection: ${BIG_PUTS} × 1 MB puts while a server is partitioned; after it heals, every server is below 2 MB`,
    run: (context) => {
      const run = startRun(context, implementation, 3);
      const [s1, s2, s3] = run.servers as [Address, Address, Address];
      partitionServers(run, [s1, s2], [s3]);
      const big = 'x'.repeat(MEGABYTE);
      const commands: KVCommand[] = [];
      for (let key = 1; key <= BIG_PUTS; key++) commands.push(put(`key-${key}`, big));
      addClients(run, implementation, 1, scriptedWorkload(commands), 'big');
      finish(run, 20_000);
      // The partitioned server has not executed these slots: nobody may collect them yet.
      checkStateSizeAbove(run.simulation.node(s1), BIG_PUTS * MEGABYTE);
      healServers(run);
      const small: KVCommand[] = [];
      for (let key = 1; key <= BIG_PUTS; key++) small.push(put(`key-${key}`, 'small'));
      addClients(run, implementation, 1, scriptedWorkload(small), 'small');
      finish(run, 20_000);
      // Let heartbeats carry the execution points around and the collection point back.
      run.simulation.runFor(1_000);
      for (const server of run.servers)
        checkStateSizeBelow(run.simulation.node(server), 2 * MEGABYTE);
      checkLogs(run);
    },
  });
}

/** Part 1: run tests on a reliable network. */
export function reliableRunTests(implementation: PaxosImplementation): LabTest[] {
  return [
    ...scenarioTests(implementation, 1, {}, ''),
    messageCountTest(implementation),
    garbageCollectionTest(implementation),
  ];
}

/** The unreliable versions of the scenarios, at the head of part 2. */
export function unreliableRunTests(implementation: PaxosImplementation): LabTest[] {
  return scenarioTests(implementation, 2, UNRELIABLE, ' (80% delivery, duplicates)');
}
