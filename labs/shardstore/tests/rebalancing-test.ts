import { type Address, address } from '../../../framework/index.ts';
import {
  checkResultsLinearizable,
  checkThat,
  describeValue,
  infiniteWorkload,
  labTest,
  type LabTest,
  scriptedWorkload,
} from '../../../framework/testing.ts';
import { kvSpec } from '../../../framework/check/index.ts';
import { append } from '../../kvstore/index.ts';
import { LATEST_CONFIG, ownerOf, query, type ShardConfig } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { ShardBalancer } from '../shard-balancer.ts';
import {
  addAdmin,
  addStoreClients,
  expectedConfig,
  joinedStore,
  joinGroup,
  type StoreRun,
} from './setup.ts';

const HOT_CLIENTS_PER_SHARD = 4;
const UNIFORM_CLIENTS = 2;
const RUN_MS = 30_000;
/** Two hot shards need one Move, and evening the rest a few more; one every window is too many. */
const MOVES_MAX = 6;

/** A skewed store: most clients append to keys of two shards of group 1, the rest everywhere. */
export interface SkewedStore {
  readonly run: StoreRun;
  readonly hotShards: readonly number[];
  readonly clients: readonly Address[];
}

/**
 * The skewed workload on a store whose groups have all joined: four clients on each of group
 * 1's first two shards, two on every shard in turn (80% of the requests on 2 of 10 shards);
 * `scale` times as many of each (a benchmark saturates the groups with it).
 */
export function addSkewedClients(
  run: StoreRun,
  implementation: ShardStoreImplementation,
  scale = 1,
): SkewedStore {
  const joins = [...run.groups.keys()].map((groupId) => joinGroup(run, groupId));
  const hotShards = (expectedConfig(run.shardCount, joins).groups.get(1)?.shards ?? []).slice(0, 2);
  const clients = hotShards.flatMap((shard) =>
    addStoreClients(
      run,
      implementation,
      HOT_CLIENTS_PER_SHARD * scale,
      infiniteWorkload([append(`key-%a-${shard}`, '%n;')]),
      `hot${shard}-`,
    ),
  );
  const everywhere = Array.from({ length: run.shardCount }, (_, index) =>
    append(`key-%a-${index + 1}`, '%n;'),
  );
  clients.push(
    ...addStoreClients(
      run,
      implementation,
      UNIFORM_CLIENTS * scale,
      infiniteWorkload(everywhere),
      'uniform',
    ),
  );
  return { run, hotShards, clients };
}

/** Adds the balancer (off unless added) to a run. */
export function addBalancer(run: StoreRun): ShardBalancer {
  const balancer = address('balancer');
  run.simulation.addNode(balancer, () => new ShardBalancer(balancer, run.shardMasters));
  return run.simulation.node(balancer);
}

/** The latest configuration, asked of the shard masters by a fresh administrator. */
export function latestConfig(run: StoreRun, name: string): ShardConfig {
  const auditor = addAdmin(run, scriptedWorkload([query(LATEST_CONFIG)]), name);
  const worker = (): ReturnType<StoreRun['simulation']['clientWorkers']>[number] | undefined =>
    run.simulation.clientWorkers().find((candidate) => candidate.address === auditor);
  run.simulation.runUntilTrue(() => worker()?.isDone() === true, 10_000);
  const result = worker()?.results[0];
  checkThat(result?.kind === 'ShardConfig', `Query(-1) returned ${describeValue(result)}`);
  return result as ShardConfig;
}

/**
 * Beyond DSLabs: with the balancer on, a skewed workload on group 1 ends with its two hot
 * shards in different groups, after a handful of Moves, none of a shard moved before (no
 * oscillation), and every client's
 * history is linearizable.
 */
export function rebalancingTest(implementation: ShardStoreImplementation): LabTest {
  return labTest({
    part: 2,
    number: 18,
    points: 10,
    kind: 'run',
    description:
      'Load rebalancing: 80% of requests on 2 shards of group 1, the balancer spreads them in a few Moves',
    run: (context) => {
      const { run, hotShards, clients } = addSkewedClients(
        joinedStore(context, implementation, 3),
        implementation,
      );
      const balancer = addBalancer(run);
      run.simulation.runFor(RUN_MS);
      const config = latestConfig(run, 'auditor');
      const owners = new Set(hotShards.map((shard) => ownerOf(config, shard)));
      checkThat(
        owners.size === hotShards.length,
        `the hot shards ${hotShards.join(', ')} all ended in group ${[...owners].join(', ')}`,
      );
      const moves = run.simulation.node<ShardBalancer>(balancer.address).moves;
      checkThat(
        moves.length >= 1 && moves.length <= MOVES_MAX,
        `the balancer sent ${moves.length} Moves in ${RUN_MS / 1000} s: ${describeValue(moves)}`,
      );
      // Oscillation would move a shard back where it came from.
      const moved = moves.map((command) => (command.kind === 'Move' ? command.shard : 0));
      checkThat(
        new Set(moved).size === moved.length,
        `the balancer moved a shard twice: ${describeValue(moves)}`,
      );
      checkResultsLinearizable(run.simulation, kvSpec(), { clients });
    },
  });
}
