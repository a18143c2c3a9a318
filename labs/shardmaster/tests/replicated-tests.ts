import { address, addresses, type Result } from '../../../framework/index.ts';
import {
  checkClientsDone,
  checkThat,
  describeValue,
  labTest,
  type LabTest,
  scriptedWorkload,
  type TestContext,
} from '../../../framework/testing.ts';
import { encode } from '../../../framework/engine.ts';
import { PaxosClient } from '../../paxos/paxos-client.ts';
import { checkLogs } from '../../paxos/tests/log-run-checks.ts';
import { UNRELIABLE } from '../../paxos/tests/setup.ts';
import { paxosVariant } from '../../paxos/variant.ts';
import { join, leave, move, query, type ShardMasterCommand } from '../commands.ts';
import type { ShardMasterImplementation } from '../implementation.ts';
import type { ShardConfig, ShardMasterResult } from '../results.ts';
import { ShardMasterServer } from '../shard-master-server.ts';
import { groupServers } from './config-checks.ts';

const SHARD_COUNT = 10;
const READER_QUERIES = 15;
const RUN_LIMIT_MS = 30_000;

/**
 * The administrator's script, and what a single shard master answers to it, computed by
 * executing it on a fresh instance: the replicated one must answer the same, and every config
 * a reader sees must be one of these.
 */
function adminScript(implementation: ShardMasterImplementation): {
  commands: ShardMasterCommand[];
  results: ShardMasterResult[];
  configs: Map<number, string>;
} {
  const local = implementation.shardMaster(SHARD_COUNT);
  const commands: ShardMasterCommand[] = [];
  const results: ShardMasterResult[] = [];
  const configs = new Map<number, string>();
  const run = (command: ShardMasterCommand): ShardMasterResult => {
    const result = local.execute(command);
    commands.push(command);
    results.push(result);
    const latest = local.execute(query(-1));
    if (latest.kind === 'ShardConfig') configs.set(latest.configNum, encode(latest));
    return result;
  };
  for (const groupId of [1, 2, 3]) run(join(groupId, groupServers(groupId)));
  const latest = run(query(-1));
  const groupOne = latest.kind === 'ShardConfig' ? (latest.groups.get(1)?.shards ?? []) : [];
  for (const shard of groupOne.slice(0, 2)) run(move(2, shard));
  run(leave(3));
  run(join(1, groupServers(1)));
  run(join(4, groupServers(4)));
  for (let configNum = 0; configNum <= 6; configNum++) run(query(configNum));
  return { commands, results, configs };
}

/** The administrator's results, one by one, against the single instance's. */
function checkAdmin(
  results: readonly Result[],
  script: { commands: readonly ShardMasterCommand[]; results: readonly ShardMasterResult[] },
): void {
  script.results.forEach((expected, index) => {
    const got = results[index];
    checkThat(
      encode(got) === encode(expected),
      `admin command ${index + 1} ${describeValue(script.commands[index])}: expected ${describeValue(expected)}, got ${describeValue(got)}`,
    );
  });
}

/** Each reader's results: a prefix of Errors (before the first Join), then configs in order. */
function checkReader(reader: string, results: readonly Result[], configs: Map<number, string>) {
  let newest = -1;
  for (const result of results) {
    if (result.kind === 'Error') {
      checkThat(newest < 0, `${reader} got Error for Query(-1) after seeing config ${newest}`);
      continue;
    }
    checkThat(result.kind === 'ShardConfig', `${reader} got ${describeValue(result)}`);
    const config = result as ShardConfig;
    checkThat(
      configs.get(config.configNum) === encode(config),
      `${reader} got ${describeValue(config)}, which is not config ${config.configNum} of the script`,
    );
    checkThat(
      config.configNum >= newest,
      `${reader} got config ${config.configNum} after config ${newest}: the latest went back`,
    );
    newest = config.configNum;
  }
}

/**
 * Test 9 (beyond DSLabs's unit tests): the shard master replicated by the lab 3 Paxos servers,
 * at 80% delivery with duplicates. An administrator's results are those of a single instance;
 * two readers polling the latest config only ever see the script's configs, never going back.
 */
export function replicatedTest(implementation: ShardMasterImplementation): LabTest {
  return labTest({
    part: 1,
    number: 9,
    points: 10,
    kind: 'run',
    description: 'Replicated on 3 Paxos servers at 80% delivery: an administrator and 2 readers',
    run: (context: TestContext) => {
      const simulation = context.simulation(UNRELIABLE);
      const servers = addresses('master', 3);
      const variant = paxosVariant(context.variant);
      for (const server of servers)
        simulation.addNode(
          server,
          () =>
            new ShardMasterServer(
              server,
              servers,
              variant,
              implementation.shardMaster(SHARD_COUNT),
            ),
        );
      const script = adminScript(implementation);
      const admin = address('admin');
      simulation.addClientWorker(
        admin,
        () => new PaxosClient(admin, servers),
        // Expected results are checked below, not by the workload: workload templates are
        // plain data, and a config's Map of groups would not survive their substitution.
        scriptedWorkload(script.commands),
      );
      const readers = addresses('reader', 2);
      const polling = scriptedWorkload(Array.from({ length: READER_QUERIES }, () => query(-1)));
      for (const reader of readers)
        simulation.addClientWorker(reader, () => new PaxosClient(reader, servers), polling);
      simulation.runUntilClientsDone(RUN_LIMIT_MS);
      checkClientsDone(simulation);
      checkLogs({ simulation, servers });
      for (const worker of simulation.clientWorkers())
        if (readers.includes(worker.address))
          checkReader(worker.address, worker.results, script.configs);
        else checkAdmin(worker.results, script);
    },
  });
}
