import { checkThat, describeValue, labTest, type LabTest } from '../../../framework/testing.ts';
import { encode } from '../../../framework/engine.ts';
import { join, leave, move, query, type ShardMasterCommand } from '../commands.ts';
import type { ShardMasterImplementation } from '../implementation.ts';
import type { ShardConfig } from '../results.ts';
import { checkConfig, checkMovement, groupServers } from './config-checks.ts';
import { ShardMasterProbe } from './shard-master-probe.ts';

/** Shards in every test but the determinism one (as DSLabs). */
const SHARD_COUNT = 10;

/** Some shard `groupId` owns in `config`. */
function someShardOf(config: ShardConfig, groupId: number): number {
  const shard = config.groups.get(groupId)?.shards[0];
  checkThat(shard !== undefined, `group ${groupId} owns no shard in config ${config.configNum}`);
  return shard ?? 0;
}

/** Joins 1, 2, 3, then leaves 3 and 2, checking balance and movement at every step. */
function joinAndLeave(probe: ShardMasterProbe): void {
  probe.expectOk(join(1, groupServers(1)));
  let previous = probe.latest(true);
  checkConfig(previous, SHARD_COUNT, [1]);
  const steps: [ShardMasterCommand, number[]][] = [
    [join(2, groupServers(2)), [1, 2]],
    [join(3, groupServers(3)), [1, 2, 3]],
    [leave(3), [1, 2]],
    [leave(2), [1]],
  ];
  for (const [command, groups] of steps) {
    probe.expectOk(command);
    const next = probe.latest(true);
    checkConfig(next, SHARD_COUNT, groups);
    checkMovement(previous, next, SHARD_COUNT);
    previous = next;
  }
}

/**
 * Part 1: the shard master as an application, tested by executing commands on it directly
 * (numbered as DSLabs's lab 4 part 1).
 */
export function applicationTests(implementation: ShardMasterImplementation): LabTest[] {
  /** Each test starts from a fresh instance of the student's shard master. */
  const freshProbe = (): ShardMasterProbe =>
    new ShardMasterProbe(implementation.shardMaster(SHARD_COUNT));
  return [
    labTest({
      part: 1,
      number: 1,
      points: 5,
      kind: 'run',
      description: 'Commands return Ok',
      run() {
        const probe = freshProbe();
        probe.expectOk(join(1, groupServers(1)));
        probe.expectOk(join(2, groupServers(2)));
        probe.expectOk(move(2, someShardOf(probe.latest(), 1)));
        probe.expectOk(leave(2));
      },
    }),
    labTest({
      part: 1,
      number: 2,
      points: 5,
      kind: 'run',
      description: 'Initial query returns Error',
      run() {
        const probe = freshProbe();
        probe.expectError(query(-1));
        probe.expectError(query(0));
      },
    }),
    labTest({
      part: 1,
      number: 3,
      points: 5,
      kind: 'run',
      description: 'Bad commands return Error',
      run() {
        const probe = freshProbe();
        probe.expectOk(join(1, groupServers(1)));
        probe.expectError(join(1, groupServers(1)));
        probe.expectError(leave(2));
        probe.expectError(leave(1));
        probe.expectOk(join(2, groupServers(2)));
        const shard = someShardOf(probe.latest(), 1);
        probe.expectError(move(1, shard));
        probe.expectError(move(3, shard));
        probe.expectError(move(2, 0));
        probe.expectError(move(2, SHARD_COUNT + 1));
      },
    }),
    labTest({
      part: 1,
      number: 4,
      points: 5,
      kind: 'run',
      description: 'Initial config correct',
      run() {
        const probe = freshProbe();
        probe.expectOk(join(1, groupServers(1)));
        const config = probe.latest(true);
        const everyShard = Array.from({ length: SHARD_COUNT }, (_, index) => index + 1);
        const expected = new Map([[1, { servers: groupServers(1), shards: everyShard }]]);
        checkThat(
          config.configNum === 0 &&
            encode(sortedGroups(config)) === encode(expected) &&
            config.kind === 'ShardConfig',
          `the first Join created ${describeValue(config)}, expected config 0 with group 1 owning every shard 1..${SHARD_COUNT}`,
        );
      },
    }),
    labTest({
      part: 1,
      number: 5,
      points: 5,
      kind: 'run',
      description: 'Basic join/leave: balanced, minimal movement',
      run: () => joinAndLeave(freshProbe()),
    }),
    labTest({
      part: 1,
      number: 6,
      points: 5,
      kind: 'run',
      description: 'Historical queries',
      run() {
        const probe = freshProbe();
        joinAndLeave(probe);
        for (let configNum = 0; configNum < 5; configNum++) probe.config(configNum);
        const latest = probe.latest();
        checkThat(
          latest.configNum === 4,
          `after 5 changes the latest is config ${latest.configNum}`,
        );
        const pastLatest = probe.config(1_000);
        checkThat(
          pastLatest.configNum === 4,
          `Query(1000) returned config ${pastLatest.configNum}, expected the latest, config 4`,
        );
      },
    }),
    labTest({
      part: 1,
      number: 7,
      points: 5,
      kind: 'run',
      description: 'Move command, then a Join rebalances',
      run() {
        const probe = freshProbe();
        probe.expectOk(join(1, groupServers(1)));
        probe.expectOk(join(2, groupServers(2)));
        const groupOne = [...(probe.latest().groups.get(1)?.shards ?? [])];
        checkThat(groupOne.length === 5, `group 1 owns ${groupOne.length} of 10 shards, not 5`);
        const remaining = new Set(groupOne);
        for (const shard of groupOne) {
          const previous = probe.latest();
          probe.expectOk(move(2, shard));
          remaining.delete(shard);
          const config = probe.latest(true);
          checkConfig(config, SHARD_COUNT, [1, 2], groupOne.length - remaining.size);
          checkMovement(previous, config, SHARD_COUNT);
          const owned = config.groups.get(1)?.shards ?? [];
          checkThat(
            owned.length === remaining.size && owned.every((kept) => remaining.has(kept)),
            `after moving shard ${shard} to group 2, group 1 owns [${owned.join(', ')}], expected [${[...remaining].join(', ')}]`,
          );
        }
        probe.expectOk(join(3, groupServers(3)));
        checkConfig(probe.latest(true), SHARD_COUNT, [1, 2, 3]);
      },
    }),
    determinismTest(implementation),
  ];
}

/** A config's groups as a Map in ascending id order, so that equal assignments encode equal. */
function sortedGroups(config: ShardConfig): Map<number, unknown> {
  const groups = new Map<number, unknown>();
  for (const groupId of [...config.groups.keys()].sort((a, b) => a - b)) {
    const info = config.groups.get(groupId);
    if (info !== undefined)
      groups.set(groupId, {
        servers: [...info.servers].sort(),
        shards: [...info.shards].sort((a, b) => a - b),
      });
  }
  return groups;
}

const DETERMINISM_SHARDS = 100;
const DETERMINISM_INSTANCES = 10;

/**
 * Test 8: a long script on 100 shards, run on ten fresh instances, must give the same
 * configurations on every one, shard sets included; and each must stay balanced as it goes.
 */
function determinismTest(implementation: ShardMasterImplementation): LabTest {
  return labTest({
    part: 1,
    number: 8,
    points: 10,
    kind: 'run',
    description: 'Application deterministic: 100 shards, a long script, ten fresh instances',
    run: () => {
      let first: string[] | undefined;
      for (let instance = 1; instance <= DETERMINISM_INSTANCES; instance++) {
        const configs = runLongScript(
          new ShardMasterProbe(implementation.shardMaster(DETERMINISM_SHARDS)),
        ).map((config) => encode(sortedGroups(config)));
        if (first === undefined) {
          first = configs;
          continue;
        }
        const differs = configs.findIndex((config, index) => config !== first?.[index]);
        checkThat(
          differs < 0,
          `fresh instance ${instance} computed config ${differs} differently from instance 1`,
        );
      }
    },
  });
}

/**
 * Joins 1, 2, 3, leaves 3, moves ten of group 1's shards (lowest first) to group 2, joins 3
 * again (which rebalances fully), then joins 4 and 5, leaves 1 and joins it back: every
 * config, checked as it comes. Movement is minimal at every step but the rebalancing Join.
 */
function runLongScript(probe: ShardMasterProbe): ShardConfig[] {
  const configs: ShardConfig[] = [];
  const step = (command: ShardMasterCommand, groups: number[], moves = 0, minimal = true) => {
    probe.expectOk(command);
    const config = probe.latest(true);
    checkConfig(config, DETERMINISM_SHARDS, groups, moves);
    const previous = configs[configs.length - 1];
    if (previous !== undefined && minimal) checkMovement(previous, config, DETERMINISM_SHARDS);
    configs.push(config);
    return config;
  };
  step(join(1, groupServers(1)), [1]);
  step(join(2, groupServers(2)), [1, 2]);
  step(join(3, groupServers(3)), [1, 2, 3]);
  const afterLeave = step(leave(3), [1, 2]);
  const groupOne = [...(afterLeave.groups.get(1)?.shards ?? [])].sort((a, b) => a - b);
  checkThat(groupOne.length === 50, `group 1 owns ${groupOne.length} of 100 shards, not 50`);
  for (let moved = 1; moved <= 10; moved++) step(move(2, groupOne[moved - 1] ?? 0), [1, 2], moved);
  step(join(3, groupServers(3)), [1, 2, 3], 0, false);
  step(join(4, groupServers(4)), [1, 2, 3, 4]);
  step(join(5, groupServers(5)), [1, 2, 3, 4, 5]);
  step(leave(1), [2, 3, 4, 5]);
  step(join(1, groupServers(1)), [1, 2, 3, 4, 5]);
  return configs;
}
