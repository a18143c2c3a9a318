import {
  checkClientsDone,
  checkResultsLinearizable,
  checkMaxWaitBelow,
  checkResultsOk,
  labTest,
  type LabTest,
  infiniteWorkload,
  scriptedWorkload,
  type Workload,
} from '../../../framework/testing.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import { append, differentKeysAppends, get, infiniteAppends } from '../../kvstore/index.ts';
import { UNRELIABLE } from '../../paxos/tests/setup.ts';
import {
  LATEST_CONFIG,
  leave,
  move,
  ownerOf,
  query,
  ShardMaster,
  type ShardMasterCommand,
} from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import {
  addAdmin,
  addStoreClients,
  administer,
  joinedStore,
  joinGroup,
  startStore,
  type StoreRun,
} from './setup.ts';

const SHARD_COUNT = 10;
const GROUP_IDS = [1, 2, 3];
const FAULT_RUN_MS = 50_000;
const PARTITION_PERIOD_MS = 2_000;
const MOVE_PERIOD_MS = 4_000;
/** Enough appends that the clients are still at work when the last Move comes. */
const APPENDS_PER_CLIENT = 400;

/**
 * The `count` Moves of constant movement: each takes the next shard in turn (stepping by 3, so
 * that every group gives and receives) to the group after its owner, as the reference shard
 * master would place it after the Joins.
 */
export function constantMoves(run: StoreRun, count: number): ShardMasterCommand[] {
  const master = new ShardMaster(run.shardCount);
  for (const groupId of run.groups.keys()) master.execute(joinGroup(run, groupId));
  const groupIds = [...run.groups.keys()];
  const moves: ShardMasterCommand[] = [];
  for (let index = 0; index < count; index++) {
    const config = master.execute(query(LATEST_CONFIG));
    if (config.kind !== 'ShardConfig') break;
    const shard = 1 + ((index * 3) % run.shardCount);
    const owner = ownerOf(config, shard) ?? 0;
    const to = groupIds[(groupIds.indexOf(owner) + 1) % groupIds.length] ?? owner;
    const command = move(to, shard);
    master.execute(command);
    moves.push(command);
  }
  return moves;
}

/** Runs for `durationMs`, an administrator sending the next Move every 4 s. */
export function runConstantMovement(run: StoreRun, durationMs: number): void {
  const moves = constantMoves(run, Math.floor(durationMs / MOVE_PERIOD_MS));
  moves.forEach((command, index) => {
    addAdmin(run, scriptedWorkload([command]), `mover${index + 1}`);
    run.simulation.runFor(MOVE_PERIOD_MS);
  });
  run.simulation.runFor(durationMs - moves.length * MOVE_PERIOD_MS);
}

/**
 * Every client reads and appends to five shared keys, on five shards, forever: a history that
 * only the linearizability checker can judge.
 */
export function sharedKeysWorkload(): Workload {
  const keys = ['shared-1', 'shared-2', 'shared-3', 'shared-4', 'shared-5'];
  return infiniteWorkload(
    keys.flatMap((key, index) => [
      append(key, '%a.%n;'),
      get(keys[(index + 2) % keys.length] ?? key),
    ]),
  );
}

/** Part 2's tests with partitions, constant movement and an unreliable network. */
export function faultTests(implementation: ShardStoreImplementation): LabTest[] {
  return [
    labTest({
      part: 2,
      number: 7,
      points: 10,
      kind: 'run',
      description:
        'Repeated partitioning: one server of each group cut off in turn for 50 s, no client waits 2 s',
      run: (context) => {
        const run = joinedStore(context, implementation, 3);
        addStoreClients(run, implementation, 5, infiniteAppends());
        const groups = [...run.groups.values()];
        const everyone = run.simulation.addresses();
        for (let round = 0; round * PARTITION_PERIOD_MS < FAULT_RUN_MS; round++) {
          if (round % 2 === 1) {
            run.simulation.healPartition();
          } else {
            const cut = groups.flatMap((servers) => {
              const index = (round / 2) % servers.length;
              return servers.slice(index, index + 1);
            });
            run.simulation.partition(
              everyone.filter((node) => !cut.includes(node)),
              ...cut.map((server) => [server]),
            );
          }
          run.simulation.runFor(PARTITION_PERIOD_MS);
        }
        checkMaxWaitBelow(run.simulation, 2_000);
      },
    }),
    labTest({
      part: 2,
      number: 8,
      points: 10,
      kind: 'run',
      description: 'Constant movement: a Move every 4 s for 50 s, no client waits 4 s',
      run: (context) => {
        const run = joinedStore(context, implementation, 3);
        addStoreClients(run, implementation, 5, infiniteAppends());
        runConstantMovement(run, FAULT_RUN_MS);
        checkMaxWaitBelow(run.simulation, MOVE_PERIOD_MS);
      },
    }),
    labTest({
      part: 2,
      number: 9,
      points: 10,
      kind: 'run',
      description:
        'Unreliable join/leave at 80% delivery: appends to 10 keys stay exactly-once as groups join and leave',
      run: (context) => {
        const run = startStore(context, implementation, {
          groupIds: GROUP_IDS,
          serversPerGroup: 3,
          shardCount: SHARD_COUNT,
          network: UNRELIABLE,
        });
        administer(run, [joinGroup(run, 1)], 'admin1', 30_000);
        addStoreClients(run, implementation, 10, differentKeysAppends(10));
        addAdmin(
          run,
          scriptedWorkload([joinGroup(run, 2), joinGroup(run, 3), leave(1), leave(2)]),
          'admin2',
        );
        run.simulation.runUntilClientsDone(60_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
      },
    }),
    labTest({
      part: 2,
      number: 10,
      points: 10,
      kind: 'run',
      description:
        'Unreliable constant movement at 80% delivery: appends to 10 keys stay exactly-once while shards move',
      run: (context) => {
        const run = joinedStore(context, implementation, 3, UNRELIABLE);
        addStoreClients(run, implementation, 10, differentKeysAppends(APPENDS_PER_CLIENT));
        runConstantMovement(run, 40_000);
        run.simulation.runUntilClientsDone(60_000);
        checkClientsDone(run.simulation);
        checkResultsOk(run.simulation);
      },
    }),
  ];
}

/** Beyond DSLabs: the whole history under constant movement is linearizable per key. */
export function movementLinearizabilityTest(implementation: ShardStoreImplementation): LabTest {
  return labTest({
    part: 2,
    number: 17,
    points: 10,
    kind: 'run',
    description:
      'Linearizable: 5 clients on 5 shared keys, a Move every 4 s for 40 s at 80% delivery',
    run: (context) => {
      const run = joinedStore(context, implementation, 3, UNRELIABLE);
      const clients = addStoreClients(run, implementation, 5, sharedKeysWorkload());
      runConstantMovement(run, 40_000);
      checkResultsLinearizable(run.simulation, kvSpec(), { clients });
    },
  });
}
