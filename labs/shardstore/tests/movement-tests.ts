import {
  checkClientsDone,
  checkResultsOk,
  checkThat,
  labTest,
  type LabTest,
  scriptedWorkload,
  type Workload,
} from '../../../framework/testing.ts';
import { kvWorkload } from '../../kvstore/index.ts';
import { leave, move, ownerOf, type ShardMasterCommand } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { keyToShard } from '../key-to-shard.ts';
import {
  addAdmin,
  addStoreClients,
  administer,
  expectedConfig,
  getsOf,
  joinGroup,
  numberedEntries,
  putsOf,
  startStore,
  stopGroup,
  type StoreRun,
} from './setup.ts';

const SHARD_COUNT = 10;
/** Time given to the groups to move shards after an administrator's commands. */
const SETTLE_MS = 5_000;

/** Splits `entries` into `count` runs of consecutive entries, one per client. */
function perClient<T>(entries: readonly T[], count: number): T[][] {
  const size = Math.ceil(entries.length / count);
  return Array.from({ length: count }, (_, index) =>
    entries.slice(index * size, (index + 1) * size),
  );
}

/**
 * Adds one client per list of `workloads`, named `<prefix>1-`, `<prefix>2-`, …, runs
 * `administration` alongside them (if any), and waits for every client to finish with the
 * results expected.
 */
function runPhase(
  run: StoreRun,
  implementation: ShardStoreImplementation,
  workloads: readonly Workload[],
  prefix: string,
  administration: readonly ShardMasterCommand[] = [],
): void {
  workloads.forEach((workload, index) =>
    addStoreClients(run, implementation, 1, workload, `${prefix}${index + 1}-`),
  );
  if (administration.length > 0) addAdmin(run, scriptedWorkload(administration), `${prefix}admin`);
  run.simulation.runUntilClientsDone(30_000);
  checkClientsDone(run.simulation);
  checkResultsOk(run.simulation);
}

/**
 * Starts one client per entry reading its key, stops group `stopped`, and returns which keys'
 * clients finished within 10 s: only keys of shards another group has can be read.
 */
function readAfterStopping(
  run: StoreRun,
  implementation: ShardStoreImplementation,
  entries: readonly (readonly [string, string])[],
  stopped: number,
): Set<string> {
  stopGroup(run, stopped);
  const readers = entries.map(([key, value]) => ({
    key,
    clients: addStoreClients(run, implementation, 1, getsOf([[key, value]]), `reader-${key}-`),
  }));
  run.simulation.runFor(10_000);
  checkResultsOk(run.simulation);
  const done = new Set(
    run.simulation
      .clientWorkers()
      .filter((worker) => worker.isDone())
      .map((worker) => worker.address),
  );
  return new Set(
    readers
      .filter(({ clients }) => clients.every((client) => done.has(client)))
      .map(({ key }) => key),
  );
}

/** Fails unless the keys read are exactly those of `entries` that `readable` accepts. */
function checkReadKeys(
  read: ReadonlySet<string>,
  entries: readonly (readonly [string, string])[],
  readable: (key: string) => boolean,
): void {
  for (const [key] of entries)
    checkThat(
      read.has(key) === readable(key),
      read.has(key)
        ? `${key} was read, but its shard's owner is stopped`
        : `${key} could not be read, but its shard's owner is running`,
    );
}

/** DSLabs's multi-group and movement tests, numbered 3 to 6 of part 2. */
export function movementTests(implementation: ShardStoreImplementation): LabTest[] {
  return [
    labTest({
      part: 2,
      number: 3,
      points: 10,
      kind: 'run',
      description:
        'Multi-group join/leave: 100 keys keep their values as 3 groups join and 2 leave',
      run: (context) => {
        const run = startStore(context, implementation, {
          groupIds: [1, 2, 3],
          serversPerGroup: 3,
          shardCount: SHARD_COUNT,
        });
        const entries = numberedEntries(100);
        administer(run, [joinGroup(run, 1)], 'admin');
        runPhase(run, implementation, perClient(entries, 10).map(putsOf), 'load');
        // Reads and appends while groups 2 and 3 join and the shards move.
        const appended = entries.map(([key, value]): [string, string] => [key, `${value}+`]);
        runPhase(
          run,
          implementation,
          perClient(entries, 10).map((own) =>
            kvWorkload(
              own.flatMap(([key]) => [`GET:${key}`, `APPEND:${key}:+`]),
              own.flatMap(([, value]) => [value, `${value}+`]),
            ),
          ),
          'during-join',
          [joinGroup(run, 2), joinGroup(run, 3)],
        );
        // Reads while groups 1 and 2 leave: group 3 ends up with every shard.
        runPhase(run, implementation, perClient(appended, 10).map(getsOf), 'during-leave', [
          leave(1),
          leave(2),
        ]);
        runPhase(run, implementation, perClient(appended, 10).map(getsOf), 'after');
      },
    }),
    labTest({
      part: 2,
      number: 4,
      points: 10,
      kind: 'run',
      description:
        'Shards move on Join: with group 1 stopped after group 2 joins, only the keys of group 2 can be read (100 shards)',
      run: (context) => {
        const shardCount = 100;
        const run = startStore(context, implementation, {
          groupIds: [1, 2],
          serversPerGroup: 3,
          shardCount,
        });
        const entries = numberedEntries(shardCount);
        administer(run, [joinGroup(run, 1)], 'admin1');
        runPhase(run, implementation, perClient(entries, 10).map(putsOf), 'load');
        administer(run, [joinGroup(run, 2)], 'admin2');
        run.simulation.runFor(SETTLE_MS);
        const config = expectedConfig(shardCount, [joinGroup(run, 1), joinGroup(run, 2)]);
        const read = readAfterStopping(run, implementation, entries, 1);
        // DSLabs asks for between a third and two thirds of the keys; the keys are known exactly.
        checkThat(
          read.size >= shardCount / 3 && read.size <= (2 * shardCount) / 3,
          `${read.size} of ${shardCount} keys could be read with group 1 stopped; expected between a third and two thirds`,
        );
        checkReadKeys(read, entries, (key) => ownerOf(config, keyToShard(key, shardCount)) === 2);
      },
    }),
    labTest({
      part: 2,
      number: 5,
      points: 10,
      kind: 'run',
      description:
        'Shards move on Move: with group 1 stopped after 2 of its shards move, exactly the keys of group 2 can be read',
      run: (context) => {
        const run = startStore(context, implementation, {
          groupIds: [1, 2],
          serversPerGroup: 3,
          shardCount: SHARD_COUNT,
        });
        const joins = [joinGroup(run, 1), joinGroup(run, 2)];
        const entries = numberedEntries(SHARD_COUNT);
        administer(run, joins, 'admin1');
        runPhase(run, implementation, perClient(entries, 10).map(putsOf), 'load');
        const moved = (expectedConfig(SHARD_COUNT, joins).groups.get(1)?.shards ?? []).slice(0, 2);
        const moves = moved.map((shard) => move(2, shard));
        administer(run, moves, 'admin2');
        run.simulation.runFor(SETTLE_MS);
        const config = expectedConfig(SHARD_COUNT, [...joins, ...moves]);
        const read = readAfterStopping(run, implementation, entries, 1);
        checkReadKeys(read, entries, (key) => ownerOf(config, keyToShard(key, SHARD_COUNT)) === 2);
      },
    }),
    labTest({
      part: 2,
      number: 6,
      points: 10,
      kind: 'run',
      description:
        'Progress with a majority: one server of each group and one shard master stopped, groups join and leave',
      run: (context) => {
        const run = startStore(context, implementation, {
          groupIds: [1, 2, 3],
          serversPerGroup: 3,
          shardCount: SHARD_COUNT,
        });
        for (const servers of [...run.groups.values(), run.shardMasters])
          for (const server of servers.slice(-1)) run.simulation.stopNode(server);
        const entries = numberedEntries(30);
        administer(run, [joinGroup(run, 1)], 'admin');
        runPhase(run, implementation, perClient(entries, 5).map(putsOf), 'load');
        runPhase(run, implementation, perClient(entries, 5).map(getsOf), 'during-join', [
          joinGroup(run, 2),
          joinGroup(run, 3),
        ]);
        runPhase(run, implementation, perClient(entries, 5).map(getsOf), 'during-leave', [
          leave(1),
        ]);
      },
    }),
  ];
}
