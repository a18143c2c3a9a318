import type { Address } from '../../../framework/index.ts';
import {
  checkClientsDone,
  checkMaxWaitBelow,
  checkResultsOk,
  checkThat,
  infiniteWorkload,
  type LabTest,
  labTest,
  scriptedWorkload,
  type Workload,
} from '../../../framework/testing.ts';
import { multiGet, multiPut, swap, txnWorkload } from '../../kvstore/index.ts';
import { move } from '../../shardmaster/index.ts';
import { addAdmin, addStoreClients } from '../../shardstore/tests/setup.ts';
import type { TxnImplementation } from '../implementation.ts';
import { keysOfGroup } from './keys.ts';
import { checkAllOrNothing } from './run-checks.ts';
import {
  addClientsEach,
  checkStrictlySerializable,
  nodesFor,
  SHARD_COUNT,
  transactionalStore,
} from './setup.ts';

/** A script of every kind of transaction over keys a, b, c (in any groups), with its results. */
function simpleScript([a, b, c]: readonly string[]): Workload {
  return txnWorkload(
    [
      `MULTIPUT:${a}:1:${b}:2:${c}:3`,
      `MULTIGET:${a}:${b}:${c}`,
      `SWAP:${a}:${c}`,
      `MULTIGET:${a}:${b}:${c}`,
      `SWAP:${b}:${a}-missing`,
      `MULTIGET:${b}:${a}-missing`,
      `PUT:${a}:x`,
      `APPEND:${a}:y`,
      `GET:${a}`,
    ],
    ['MultiPutOk', '1:2:3', 'SwapOk', '3:2:1', 'SwapOk', 'KeyNotFound:2', 'PutOk', 'xy', 'xy'],
  );
}

/** Each client's own keys, one on each of the groups, MultiPut then MultiGet, forever. */
function ownKeysForever(keys: readonly string[]): Workload {
  const entries = Object.fromEntries(keys.map((key) => [key, '%a.%n']));
  return infiniteWorkload([multiPut(entries), multiGet(keys)]);
}

const LONG_RUN_MS = 50_000;

/** DSLabs's part 3 run tests, numbered 1 to 7. */
export function transactionRunTests(implementation: TxnImplementation): LabTest[] {
  /** Clients 1…n, each on keys of its own spread over groups 1…3. */
  const ownKeysClients = (
    run: ReturnType<typeof transactionalStore>,
    nodes: ReturnType<typeof nodesFor>,
    count: number,
  ): Address[] => {
    const workloads = Array.from({ length: count }, (_, index) =>
      ownKeysForever(
        [1, 2, 3].map((groupId) => keysOfGroup(run.config, groupId, 1, index)[0] ?? ''),
      ),
    );
    return addClientsEach(run, nodes, workloads);
  };
  return [
    labTest({
      part: 3,
      number: 1,
      points: 5,
      kind: 'run',
      description: 'Single group: MultiPut, MultiGet, Swap (a missing key too), Put, Append, Get',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 1);
        addStoreClients(run, nodes, 1, simpleScript(keysOfGroup(run.config, 1, 3)));
        run.simulation.runUntilClientsDone(10_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
      },
    }),
    labTest({
      part: 3,
      number: 2,
      points: 5,
      kind: 'run',
      description: 'Multi-group: the same transactions with their keys on three groups',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 3);
        const keys = [1, 2, 3].map((groupId) => keysOfGroup(run.config, groupId, 1)[0] ?? '');
        addStoreClients(run, nodes, 1, simpleScript(keys));
        run.simulation.runUntilClientsDone(10_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
      },
    }),
    labTest({
      part: 3,
      number: 3,
      points: 10,
      kind: 'run',
      description:
        'No progress across a partition: a MultiPut over two groups cut off from each other waits; single-group ones succeed',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 2);
        const [a1, a2, a3] = keysOfGroup(run.config, 1, 3);
        const [b1, b2, b3] = keysOfGroup(run.config, 2, 3);
        const group1 = run.groups.get(1) ?? [];
        const group2 = run.groups.get(2) ?? [];
        for (const one of group1)
          for (const two of group2) {
            run.simulation.setLinkActive(one, two, false);
            run.simulation.setLinkActive(two, one, false);
          }
        const [cross] = addStoreClients(
          run,
          nodes,
          1,
          txnWorkload([`MULTIPUT:${a1}:x:${b1}:x`, `MULTIGET:${a1}:${b1}`], ['MultiPutOk', 'x:x']),
          'cross',
        );
        const local = addClientsEach(
          run,
          nodes,
          [
            txnWorkload(
              [`MULTIPUT:${a2}:y:${a3}:y`, `MULTIGET:${a2}:${a3}`],
              ['MultiPutOk', 'y:y'],
            ),
            txnWorkload(
              [`SWAP:${b2}:${b3}`, `MULTIGET:${b2}:${b3}`],
              ['SwapOk', 'KeyNotFound:KeyNotFound'],
            ),
          ],
          'local',
        );
        run.simulation.runFor(5_000);
        const done = new Set(
          run.simulation
            .clientWorkers()
            .filter((worker) => worker.isDone())
            .map((worker) => worker.address),
        );
        checkThat(
          cross !== undefined && !done.has(cross),
          'the cross-group MultiPut finished across the partition',
        );
        for (const client of local)
          checkThat(done.has(client), `${client}'s single-group transactions did not finish`);
        for (const one of group1)
          for (const two of group2) {
            run.simulation.setLinkActive(one, two, true);
            run.simulation.setLinkActive(two, one, true);
          }
        run.simulation.runUntilClientsDone(10_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
      },
    }),
    labTest({
      part: 3,
      number: 4,
      points: 10,
      kind: 'run',
      description:
        'Isolation: 100 MultiPuts and 100 MultiGets of the same keys on two groups; every MultiGet sees one MultiPut',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 2);
        const keys = [...keysOfGroup(run.config, 1, 2), ...keysOfGroup(run.config, 2, 2)];
        const writes = (writer: number): Workload =>
          scriptedWorkload(
            Array.from({ length: 50 }, (_, index) =>
              multiPut(Object.fromEntries(keys.map((key) => [key, `w${writer}.${index}`]))),
            ),
          );
        const reads = scriptedWorkload(Array.from({ length: 50 }, () => multiGet(keys)));
        const clients = addClientsEach(run, nodes, [writes(1), writes(2), reads, reads]);
        run.simulation.runUntilClientsDone(30_000);
        checkClientsDone(run.simulation);
        checkAllOrNothing(run.simulation);
        checkStrictlySerializable(run, clients);
      },
    }),
    labTest({
      part: 3,
      number: 5,
      points: 10,
      kind: 'run',
      description:
        'Repeated MultiPuts and MultiGets on different keys for 50 s: no client waits 4 s',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 3);
        const clients = ownKeysClients(run, nodes, 5);
        run.simulation.runFor(LONG_RUN_MS);
        checkResultsOk(run.simulation);
        checkMaxWaitBelow(run.simulation, 4_000);
        checkStrictlySerializable(run, clients);
      },
    }),
    labTest({
      part: 3,
      number: 6,
      points: 10,
      kind: 'run',
      description:
        'Repeated MultiPuts and MultiGets on different keys for 50 s at 80% delivery: strictly serializable',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 3);
        run.simulation.setNetwork({ deliveryRate: 0.8 });
        const clients = ownKeysClients(run, nodes, 5);
        run.simulation.runFor(LONG_RUN_MS);
        checkMaxWaitBelow(run.simulation, 4_000);
        checkStrictlySerializable(run, clients);
      },
    }),
    labTest({
      part: 3,
      number: 7,
      points: 10,
      kind: 'run',
      description:
        'Repeated MultiPuts, Swaps and MultiGets for 50 s with a Move every 4 s: no client waits 4 s, strictly serializable',
      run: (context) => {
        const nodes = nodesFor(context, implementation);
        const run = transactionalStore(context, nodes, 3);
        const clients = ownKeysClients(run, nodes, 5);
        const [a, b] = [
          keysOfGroup(run.config, 1, 1, 5)[0] ?? '',
          keysOfGroup(run.config, 2, 1, 5)[0] ?? '',
        ];
        const swapping = infiniteWorkload([
          multiPut({ [a]: '%a.%n', [b]: '%a.%n' }),
          swap(a, b),
          multiGet([a, b]),
        ]);
        // Two clients on the same two keys: their transactions conflict.
        clients.push(...addClientsEach(run, nodes, [swapping, swapping], 'swapper'));
        const moves = Array.from({ length: LONG_RUN_MS / 4_000 }, (_, index) =>
          move((index % 3) + 1, (index % SHARD_COUNT) + 1),
        );
        moves.forEach((command, index) => {
          addAdmin(run, scriptedWorkload([command]), `mover${index + 1}`);
          run.simulation.runFor(4_000);
        });
        checkMaxWaitBelow(run.simulation, 4_000);
        checkStrictlySerializable(run, clients);
      },
    }),
  ];
}
