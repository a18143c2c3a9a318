import { address, addresses } from '../../../framework/index.ts';
import {
  checkAppendsLinearizable,
  checkClientsDone,
  CheckFailure,
  checkResultsLinearizable,
  checkMaxWaitBelow,
  checkResultsOk,
  checkThat,
  type ClientWorker,
  describeValue,
  infiniteWorkload,
  type LabTest,
  labTest,
  type NetworkSettings,
  scriptedWorkload,
  seededRandom,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import { encode } from '../../../framework/engine.ts';
import {
  differentKeysAppends,
  get,
  infiniteAppends,
  infiniteSharedPutGet,
  kvWorkload,
  put,
  sameKeyAppends,
  type KVCommand,
} from '../../kvstore/index.ts';
import type { PrimaryBackupImplementation } from '../implementation.ts';
import { PING_CHECK_MILLIS, PING_MILLIS } from '../timers.ts';
import { describeView, INITIAL_VIEWNUM } from '../view.ts';
import {
  PrimaryBackupRun,
  serverAddress,
  TESTER,
  UNRELIABLE,
  UNRELIABLE_SERVERS,
  VIEW_SERVER,
} from './setup.ts';

/** The simulated time a short scripted phase may take. */
const PHASE_LIMIT_MS = 10_000;
/** DSLabs's settling time: four ping checks. */
const SETTLE_MS = PING_CHECK_MILLIS * 4;

/** Runs a client `client` through `workload` until it is done, and checks its results. */
function runPhase(
  run: PrimaryBackupRun,
  client: string,
  workload: Workload,
  limitMs = PHASE_LIMIT_MS,
): ClientWorker {
  const worker = run.addClient(address(client), workload);
  run.simulation.runUntilTrue(() => worker.isDone(), limitMs);
  checkThat(
    worker.isDone(),
    `${client} completed ${worker.completed} of its commands within ${limitMs} ms (the view is ${describeView(run.view())})`,
  );
  checkResultsOk(run.simulation);
  return worker;
}

/** Each client worker of a run, stopped and removed (DSLabs's "remove clients"). */
function removeClients(run: PrimaryBackupRun): void {
  for (const worker of run.simulation.clientWorkers()) run.simulation.removeNode(worker.address);
}

/**
 * The end of DSLabs's concurrent tests: heal the network, let the view settle, read `keys` at
 * the primary; kill the primary, wait for the backup to take over, read them again there. The
 * two reads must agree: the backup had every write the primary had.
 */
function checkBackupAgrees(run: PrimaryBackupRun, keys: readonly string[]): void {
  run.simulation.setNetwork({ deliveryRate: 1 });
  run.simulation.runFor(SETTLE_MS);
  const reads = scriptedWorkload(keys.map((key) => get(key)));
  const atPrimary = runPhase(run, 'client-readprimary', reads);
  run.removeServer(1);
  run.waitForView(2, null);
  const atBackup = runPhase(run, 'client-readbackup', reads);
  keys.forEach((key, index) => {
    const primary = atPrimary.results[index];
    const backup = atBackup.results[index];
    if (encode(primary) !== encode(backup))
      throw new CheckFailure(
        `GET ${key} at the primary returned ${describeValue(primary)}, at the backup after fail-over ${describeValue(backup)}`,
      );
  });
}

/** Part 2's run tests, numbered as DSLabs's (test 1, DSLabs's interrupted client, is ours). */
export function runTests(implementation: PrimaryBackupImplementation): LabTest[] {
  const start = (
    context: TestContext,
    network: Partial<NetworkSettings> = {},
    watch = true,
  ): PrimaryBackupRun => new PrimaryBackupRun(context, implementation, network, { watch });

  const concurrentPuts = (context: TestContext, network: Partial<NetworkSettings>): void => {
    const run = start(context);
    run.setUpView(1, 2);
    run.simulation.setNetwork(network);
    const random = seededRandom(`${context.seed}/puts`);
    for (const client of addresses('client', 3)) {
      const commands: KVCommand[] = [];
      for (let index = 0; index < 100; index++)
        commands.push(put(`key${random.integer(0, 1)}`, `${random.integer(0, 1_000_000)}`));
      run.addClient(client, scriptedWorkload(commands));
    }
    run.simulation.runUntilClientsDone(60_000);
    checkClientsDone(run.simulation);
    removeClients(run);
    checkBackupAgrees(run, ['key0', 'key1']);
  };

  const concurrentAppends = (context: TestContext, network: Partial<NetworkSettings>): void => {
    const run = start(context);
    run.setUpView(1, 2);
    run.simulation.setNetwork(network);
    for (const client of addresses('client', 3)) run.addClient(client, sameKeyAppends(100));
    run.simulation.runUntilClientsDone(60_000);
    checkClientsDone(run.simulation);
    checkAppendsLinearizable(run.simulation);
    removeClients(run);
    checkBackupAgrees(run, ['shared']);
  };

  const repeatedCrashes = (context: TestContext, network: Partial<NetworkSettings>): void => {
    const run = start(context, network);
    const random = seededRandom(`${context.seed}/crashes`);
    const live: number[] = [1, 2, 3];
    for (const number of live) run.addServer(number);
    for (const client of addresses('client', 3)) run.addClient(client, infiniteAppends());
    let next = live.length;
    run.simulation.runFor(PING_CHECK_MILLIS * 10);
    for (let elapsedMs = 0; elapsedMs < 29_000; elapsedMs += PING_CHECK_MILLIS * 10) {
      run.simulation.runFor(PING_CHECK_MILLIS * 10);
      const killed = live.splice(random.integer(0, live.length - 1), 1)[0] as number;
      live.push(++next);
      run.addServer(next);
      run.removeServer(killed);
    }
    // Appends to keys of each client's own: the history says exactly what each must return.
    checkResultsLinearizable(run.simulation, kvSpec());
    // The reference waits just over a second (as DSLabs's).
    checkMaxWaitBelow(run.simulation, 5_000);
    for (const worker of run.simulation.clientWorkers())
      checkThat(
        worker.completed >= 100,
        `${worker.address} completed only ${worker.completed} commands in 30 s`,
      );
  };

  return [
    labTest({
      part: 2,
      number: 1,
      points: 10,
      kind: 'run',
      description:
        'A primary cut off from the view server answers no one once replaced; the history stays linearizable',
      run: (context) => {
        const run = start(context);
        run.setUpView(1, 2);
        run.addServer(3);
        for (const client of addresses('client', 2)) run.addClient(client, infiniteSharedPutGet());
        run.addClient(address('reader'), infiniteWorkload([get('shared')]));
        run.simulation.runFor(1_000);
        const before = new Map(
          run.simulation.clientWorkers().map((worker) => [worker.address, worker.completed]),
        );
        // server1 hears the clients, which still believe it is primary, and the other servers;
        // only the view server, which now declares it dead, is out of its reach.
        for (const other of [VIEW_SERVER, TESTER]) {
          run.simulation.setLinkActive(serverAddress(1), other, false);
          run.simulation.setLinkActive(other, serverAddress(1), false);
        }
        run.waitForView(2, 3);
        // A client that starts now asks the view server, and writes at the new primary.
        run.addClient(address('client3'), infiniteSharedPutGet());
        run.simulation.runFor(2_000);
        checkResultsLinearizable(run.simulation, kvSpec());
        // Every client moves on to the new primary.
        for (const worker of run.simulation.clientWorkers()) {
          const after = worker.completed - (before.get(worker.address) ?? 0);
          checkThat(
            after >= 10,
            `${worker.address} completed only ${after} commands in the 2 s after the partition`,
          );
        }
      },
    }),
    labTest({
      part: 2,
      number: 2,
      points: 5,
      kind: 'run',
      description: 'Single client, single server, simple operations',
      run: (context) => {
        const run = start(context);
        run.addServer(1);
        runPhase(
          run,
          'client1',
          kvWorkload(
            ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo', 'GET:missing'],
            ['PutOk', 'barbaz', 'barbaz', 'KeyNotFound'],
          ),
        );
      },
    }),
    labTest({
      part: 2,
      number: 3,
      points: 5,
      kind: 'run',
      description: 'Primary chosen',
      run: (context) => {
        const run = start(context);
        run.setUpView(1, null);
        checkThat(
          run.view().viewNum === INITIAL_VIEWNUM,
          `the first view is ${describeView(run.view())}`,
        );
      },
    }),
    labTest({
      part: 2,
      number: 4,
      points: 5,
      kind: 'run',
      description: 'Backup chosen',
      run: (context) => {
        const run = start(context);
        run.setUpView(1, 2);
        checkThat(
          run.view().viewNum === INITIAL_VIEWNUM + 1,
          `the view with a backup is ${describeView(run.view())}`,
        );
      },
    }),
    labTest({
      part: 2,
      number: 5,
      points: 10,
      kind: 'run',
      description:
        'View server messages: at most elapsed / ping interval × nodes × 2 over 500 puts and gets',
      run: (context) => {
        const run = start(context, {}, false);
        run.addServer(1);
        run.addServer(2);
        const commands: string[] = [];
        const results: string[] = [];
        for (let index = 0; index < 500; index++) {
          commands.push(`PUT:xk${index}:${index}`, `GET:xk${index}`);
          results.push('PutOk', `${index}`);
        }
        const worker = run.addClient(address('client1'), kvWorkload(commands, results));
        run.simulation.runUntilTrue(() => worker.isDone(), 60_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
        const received = run.simulation.messageCounts(VIEW_SERVER).addressed;
        const nodes = run.simulation.addresses().length;
        const allowed = (run.simulation.nowMs / PING_MILLIS) * nodes * 2;
        checkThat(
          received <= allowed,
          `the view server was sent ${received} messages in ${run.simulation.nowMs} ms (at most ${Math.floor(allowed)} allowed)`,
        );
      },
    }),
    labTest({
      part: 2,
      number: 6,
      points: 10,
      kind: 'run',
      description: 'Backup takes over',
      run: (context) => {
        const run = start(context);
        run.addServer(1);
        runPhase(run, 'client1', kvWorkload(['PUT:foo1:bar1'], ['PutOk']));
        run.addServer(2);
        run.waitForView(1, 2);
        run.simulation.runFor(SETTLE_MS);
        runPhase(run, 'client2', kvWorkload(['PUT:foo2:bar2'], ['PutOk']));
        run.removeServer(1);
        runPhase(run, 'client3', kvWorkload(['GET:foo1', 'GET:foo2'], ['bar1', 'bar2']));
        run.waitForView(2, null);
      },
    }),
    labTest({
      part: 2,
      number: 7,
      points: 10,
      kind: 'run',
      description: 'Kill all servers: no answer within 400 ms after a new server joins',
      run: (context) => {
        const run = start(context);
        run.setUpView(1, 2);
        runPhase(run, 'client1', kvWorkload(['PUT:foo:bar'], ['PutOk']));
        run.removeServer(1);
        run.removeServer(2);
        run.addServer(3);
        const worker = run.addClient(address('client2'), kvWorkload(['GET:foo']));
        run.simulation.runFor(SETTLE_MS);
        checkThat(
          worker.completed === 0,
          `client2 got ${describeValue(worker.results[0])} from a server that never had the data`,
        );
      },
    }),
    labTest({
      part: 2,
      number: 8,
      points: 15,
      kind: 'run',
      description: 'At-most-once appends at 80% delivery',
      run: (context) => {
        const run = start(context);
        run.setUpView(1, 2);
        run.simulation.setNetwork(UNRELIABLE);
        runPhase(run, 'client1', differentKeysAppends(100), 60_000);
      },
    }),
    labTest({
      part: 2,
      number: 9,
      points: 10,
      kind: 'run',
      description: 'Fail over to a new backup, then to it as primary',
      run: (context) => {
        const run = start(context);
        run.setUpView(1, 2);
        run.addServer(3);
        runPhase(
          run,
          'client1',
          kvWorkload(
            ['PUT:a:aa', 'PUT:b:bb', 'PUT:c:cc', 'GET:a', 'GET:b', 'GET:c'],
            ['PutOk', 'PutOk', 'PutOk', 'aa', 'bb', 'cc'],
          ),
        );
        run.removeServer(2);
        runPhase(run, 'client2', kvWorkload(['PUT:a:aaa', 'GET:a'], ['PutOk', 'aaa']));
        run.waitForView(1, 3);
        run.simulation.runFor(SETTLE_MS);
        runPhase(run, 'client3', kvWorkload(['GET:a'], ['aaa']));
        run.removeServer(1);
        runPhase(run, 'client4', kvWorkload(['PUT:b:bbb', 'GET:b'], ['PutOk', 'bbb']));
        run.waitForView(3, null);
        runPhase(run, 'client5', kvWorkload(['GET:a', 'GET:b', 'GET:c'], ['aaa', 'bbb', 'cc']));
      },
    }),
    labTest({
      part: 2,
      number: 10,
      points: 15,
      kind: 'run',
      description: 'Concurrent puts to the same keys; the backup agrees after fail-over',
      run: (context) => concurrentPuts(context, {}),
    }),
    labTest({
      part: 2,
      number: 11,
      points: 15,
      kind: 'run',
      description: 'Concurrent appends to one key, linearizable; the backup agrees after fail-over',
      run: (context) => concurrentAppends(context, {}),
    }),
    labTest({
      part: 2,
      number: 12,
      points: 20,
      kind: 'run',
      description: 'Concurrent puts to the same keys at 80% delivery; the backup agrees',
      run: (context) => concurrentPuts(context, UNRELIABLE),
    }),
    labTest({
      part: 2,
      number: 13,
      points: 20,
      kind: 'run',
      description: 'Concurrent appends to one key at 80% delivery, linearizable; the backup agrees',
      run: (context) => concurrentAppends(context, UNRELIABLE),
    }),
    labTest({
      part: 2,
      number: 14,
      points: 15,
      kind: 'run',
      description:
        'Repeated crashes for 30 s (every second a new server, a random one removed): no wait reaches 5 s',
      run: (context) => repeatedCrashes(context, {}),
    }),
    labTest({
      part: 2,
      number: 15,
      points: 20,
      kind: 'run',
      description:
        'Repeated crashes for 30 s at 80% delivery between servers and clients: no wait reaches 5 s',
      run: (context) => repeatedCrashes(context, UNRELIABLE_SERVERS),
    }),
  ];
}
