import { address, addresses } from '../../framework/index.ts';
import {
  checkAppendsLinearizable,
  checkClientsDone,
  CheckFailure,
  checkResultsLinearizable,
  checkMaxWaitBelow,
  checkResultsOk,
  checkStateSizeAbove,
  checkStateSizeBelow,
  checkThat,
  describeValue,
  type LabTest,
  labTest,
  type NetworkSettings,
  scriptedWorkload,
  type Simulation,
  type TestContext,
  type Workload,
} from '../../framework/testing.ts';
import { kvSpec } from '../../framework/check/index.ts';
import { encode } from '../../framework/engine.ts';
import {
  append,
  appendResult,
  differentKeysAppends,
  get,
  getResult,
  infiniteAppends,
  keyNotFound,
  kvWorkload,
  KVStore,
  put,
  putOk,
  sameKeyAppends,
  type KVCommand,
  type KVResult,
} from '../kvstore/index.ts';
import { referenceImplementation, type ClientServerImplementation } from './implementation.ts';
import { clientServerSearchTests } from './search-tests.ts';

const SERVER = address('server');
const UNRELIABLE: Partial<NetworkSettings> = { deliveryRate: 0.8, duplicateRate: 0.2 };

/** Lab 1's numbered tests, on the given implementation (the reference solution by default). */
export function clientServerTests(
  implementation: ClientServerImplementation = referenceImplementation,
): LabTest[] {
  const setUp = (
    context: TestContext,
    network: Partial<NetworkSettings>,
    clientCount: number,
    workload: Workload,
  ): Simulation => {
    const simulation = context.simulation(network);
    simulation.addNode(SERVER, () => implementation.server(SERVER));
    for (const client of addresses('client', clientCount)) {
      simulation.addClientWorker(client, () => implementation.client(client, SERVER), workload);
    }
    return simulation;
  };
  const finishes = (simulation: Simulation, limitMs: number): void => {
    simulation.runUntilClientsDone(limitMs);
    checkClientsDone(simulation);
    checkResultsOk(simulation);
  };
  const runScenarios = (
    part: number,
    network: Partial<NetworkSettings>,
    label: string,
  ): LabTest[] => [
    labTest({
      part,
      number: 1,
      points: 5,
      kind: 'run',
      description: `Basic key-value workload${label}`,
      run(context) {
        const workload = kvWorkload(
          ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo', 'GET:missing'],
          ['PutOk', 'barbaz', 'barbaz', 'KeyNotFound'],
        );
        finishes(setUp(context, network, 1, workload), 10_000);
      },
    }),
    labTest({
      part,
      number: 2,
      points: 5,
      kind: 'run',
      description: `10 clients append 100 times to different keys${label}`,
      run(context) {
        finishes(setUp(context, network, 10, differentKeysAppends(100)), 60_000);
      },
    }),
    labTest({
      part,
      number: 3,
      points: 5,
      kind: 'run',
      description: `10 clients append 5 times to the same key, linearizably${label}`,
      run(context) {
        const simulation = setUp(context, network, 10, sameKeyAppends(5));
        finishes(simulation, 20_000);
        checkAppendsLinearizable(simulation);
        checkResultsLinearizable(simulation, kvSpec());
      },
    }),
    labTest({
      part,
      number: 4,
      points: 5,
      kind: 'run',
      description: `One client finishes 25 appends at 50% delivery${network.duplicateRate === undefined ? '' : ', with duplicates'}`,
      run(context) {
        finishes(
          setUp(context, { ...network, deliveryRate: 0.5 }, 1, differentKeysAppends(25)),
          60_000,
        );
      },
    }),
  ];
  return [
    ...applicationTests(),
    ...runScenarios(2, {}, ''),
    ...runScenarios(3, UNRELIABLE, ' (80% delivery, duplicates)'),
    garbageCollectionTest(setUp),
    labTest({
      part: 3,
      number: 6,
      points: 5,
      kind: 'run',
      description: '4 clients for 30 simulated seconds; no wait reaches 1 s',
      run(context) {
        const simulation = setUp(context, {}, 4, infiniteAppends());
        simulation.runFor(30_000);
        checkResultsOk(simulation);
        checkMaxWaitBelow(simulation, 1_000);
        for (const worker of simulation.clientWorkers()) {
          checkThat(
            worker.completed >= 1_000,
            `${worker.address} completed only ${worker.completed} commands in 30 s`,
          );
        }
      },
    }),
    ...clientServerSearchTests(implementation),
  ];
}

const MEGABYTE = 1_000_000;

function garbageCollectionTest(
  setUp: (
    context: TestContext,
    network: Partial<NetworkSettings>,
    clients: number,
    workload: Workload,
  ) => Simulation,
): LabTest {
  return labTest({
    part: 3,
    number: 5,
    points: 5,
    kind: 'run',
    description:
      'Server forgets what it no longer needs: 75 MB of appends, then every key put to ""',
    run(context) {
      const keys = [1, 2, 3, 4, 5].map((key) => `key-%a-${key}`);
      const big = 'x'.repeat(MEGABYTE);
      const commands: KVCommand[] = [];
      for (let round = 0; round < 3; round++)
        for (const key of keys) commands.push(append(key, big));
      for (const key of keys) commands.push(put(key, ''));
      const simulation = setUp(context, {}, 5, scriptedWorkload(commands));
      const appendsDone = (): boolean =>
        simulation.clientWorkers().every((worker) => worker.completed >= 15);
      checkThat(
        simulation.runUntilTrue(appendsDone, 60_000),
        'the clients did not finish their appends within 60 s',
      );
      checkStateSizeAbove(simulation.node(SERVER), 25 * MEGABYTE);
      simulation.runUntilClientsDone(60_000);
      checkClientsDone(simulation);
      checkStateSizeBelow(simulation.node(SERVER), 2 * MEGABYTE);
    },
  });
}

/** Part 1: the key-value application alone, without a network. */
function applicationTests(): LabTest[] {
  /** A run that executes `steps` on a fresh store, each command with its expected result. */
  const executes = (steps: readonly [KVCommand, KVResult][]) => (): void => {
    const store = new KVStore();
    steps.forEach(([command, expected], index) => {
      const got = store.execute(command);
      if (encode(got) !== encode(expected)) {
        throw new CheckFailure(
          `step ${index + 1} ${describeValue(command)}: expected ${describeValue(expected)}, got ${describeValue(got)}`,
        );
      }
    });
  };
  const long = 'v'.repeat(1000);
  return [
    labTest({
      part: 1,
      number: 1,
      points: 5,
      kind: 'run',
      description: 'Get of a missing key is KeyNotFound',
      run: executes([[get('nothing'), keyNotFound()]]),
    }),
    labTest({
      part: 1,
      number: 2,
      points: 5,
      kind: 'run',
      description: 'Put then get returns the value',
      run: executes([
        [put('foo', 'bar'), putOk()],
        [get('foo'), getResult('bar')],
        [put('foo', 'baz'), putOk()],
        [get('foo'), getResult('baz')],
      ]),
    }),
    labTest({
      part: 1,
      number: 3,
      points: 5,
      kind: 'run',
      description: 'Append returns the new value and creates missing keys',
      run: executes([
        [append('foo', 'a'), appendResult('a')],
        [append('foo', 'b'), appendResult('ab')],
        [get('foo'), getResult('ab')],
      ]),
    }),
    labTest({
      part: 1,
      number: 4,
      points: 5,
      kind: 'run',
      description: '1000-character keys and values',
      run: executes([
        [put(long, long), putOk()],
        [append(long, long), appendResult(long + long)],
        [get(long), getResult(long + long)],
      ]),
    }),
  ];
}
