import { type Address, address, subAddress } from '../../../framework/index.ts';
import {
  checkClientsDone,
  CheckFailure,
  checkResultsOk,
  checkThat,
  findNode,
  labTest,
  type LabTest,
  scriptedWorkload,
  type TestContext,
} from '../../../framework/testing.ts';
import { append, differentKeysAppends, get, kvWorkload, put } from '../../kvstore/index.ts';
import { join } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { isPaxosServer } from '../../paxos/log-checks.ts';
import type { PaxosServerNode } from '../../paxos/log-inspection.ts';
import { PAXOS_SUB_NODE } from '../shard-store-server.ts';
import { RogueClient } from './rogue-client.ts';
import { addAdmin, addStoreClients, startStore, type StoreRun } from './setup.ts';

const SHARD_COUNT = 10;
const ROGUE_LIMIT_MS = 5_000;

function clientsDone(run: StoreRun): boolean {
  return run.simulation.clientWorkers().every((worker) => worker.isDone());
}

/** Part 2's first tests: a single group, and a request to a group that does not own the key. */
export function singleGroupTests(implementation: ShardStoreImplementation): LabTest[] {
  return [
    labTest({
      part: 2,
      number: 1,
      points: 5,
      kind: 'run',
      description: 'Single group, basic operations and appends to 10 keys',
      run: (context) => {
        const run = startStore(context, implementation, {
          groupIds: [1],
          serversPerGroup: 3,
          shardCount: SHARD_COUNT,
        });
        addAdmin(run, scriptedWorkload([join(1, run.groups.get(1) ?? [])]));
        run.simulation.runFor(1_000);
        addStoreClients(
          run,
          implementation,
          1,
          kvWorkload(
            ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo', 'GET:missing'],
            ['PutOk', 'barbaz', 'barbaz', 'KeyNotFound'],
          ),
          'simple',
        );
        addStoreClients(run, implementation, 10, differentKeysAppends(10));
        run.simulation.runUntilClientsDone(20_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
      },
    }),
    rogueRequestTest(implementation),
  ];
}

/** Fails if the Paxos log of `server` holds a command of `client`: it reached the group's log. */
function checkNoCommandsFrom(run: StoreRun, server: Address, client: Address): void {
  const root = run.simulation.node(server);
  const paxos = root === undefined ? undefined : findNode(root, subAddress(server, PAXOS_SUB_NODE));
  if (paxos === undefined || !isPaxosServer(paxos))
    throw new CheckFailure(`${server} has no Paxos sub-node`);
  const log: PaxosServerNode = paxos;
  for (let slot = log.firstNonCleared(); slot <= log.lastNonEmpty(); slot++)
    checkThat(
      log.command(slot)?.client !== client,
      `${server}'s log holds ${client}'s command in slot ${slot}: its group does not own the key`,
    );
}

/**
 * Test 2 (beyond DSLabs): group 1 owns every shard and group 2, running but never joined,
 * owns none. Commands sent straight to group 2 get WrongGroup and are never executed: group
 * 1 then reads the keys as missing, and a client of the store writes them normally.
 */
function rogueRequestTest(implementation: ShardStoreImplementation): LabTest {
  return labTest({
    part: 2,
    number: 2,
    points: 5,
    kind: 'run',
    description: 'A request sent to a group that does not own the key gets WrongGroup',
    run: (context: TestContext) => {
      const run = startStore(context, implementation, {
        groupIds: [1, 2],
        serversPerGroup: 3,
        shardCount: SHARD_COUNT,
      });
      addAdmin(run, scriptedWorkload([join(1, run.groups.get(1) ?? [])]));
      run.simulation.runFor(1_000);
      const rogue = address('rogue');
      const wrongGroup = { kind: 'WrongGroup' };
      run.simulation.addClientWorker(
        rogue,
        () => new RogueClient(rogue, run.groups.get(2) ?? []),
        scriptedWorkload(
          [put('key-1', 'rogue'), append('key-2', 'rogue'), get('key-3')],
          [wrongGroup, wrongGroup, wrongGroup],
        ),
      );
      // Step by step, so that a command that reached a log is seen there before it is
      // executed and garbage-collected.
      for (let elapsedMs = 0; elapsedMs < ROGUE_LIMIT_MS && !clientsDone(run); elapsedMs++) {
        run.simulation.runFor(1);
        for (const server of run.groups.get(2) ?? []) checkNoCommandsFrom(run, server, rogue);
      }
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
      addStoreClients(
        run,
        implementation,
        1,
        kvWorkload(
          ['GET:key-1', 'GET:key-2', 'PUT:key-1:ok', 'APPEND:key-2:ok', 'GET:key-1'],
          ['KeyNotFound', 'KeyNotFound', 'PutOk', 'ok', 'ok'],
        ),
      );
      run.simulation.runUntilClientsDone(10_000);
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
    },
  });
}
