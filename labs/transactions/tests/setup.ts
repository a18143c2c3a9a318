import type { Address } from '../../../framework/index.ts';
import {
  type NetworkSettings,
  type SearchRequest,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import { txnKVSpec } from '../../../framework/check/index.ts';
import { checkResultsLinearizable } from '../../../framework/testing.ts';
import { type ShardConfig } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../../shardstore/implementation.ts';
import {
  addStoreClients,
  expectedConfig,
  joinAll,
  joinGroup,
  startStore,
  type StoreRun,
} from '../../shardstore/tests/setup.ts';
import type { TxnImplementation } from '../implementation.ts';
import { concurrencyControl } from '../variant.ts';

/** Time given to the groups to move shards after the Joins. */
const SETTLE_MS = 3_000;

/** Shards of the part 3 tests (keys `key-<i>` are on shard i modulo 10). */
export const SHARD_COUNT = 10;

/**
 * The test's context as part 2's set-up expects it: lab 4's `--variant` names the concurrency
 * control, not a Paxos variant, so the groups' Paxos runs its default.
 */
export function paxosContext(context: TestContext): TestContext {
  return {
    seed: context.seed,
    variant: undefined,
    simulation: (network) => context.simulation(network),
    search<State, Event>(request: SearchRequest<State, Event>) {
      return context.search(request);
    },
    note: (text) => context.note(text),
  };
}

/** The nodes for the test's variant (`2pl-no-wait` unless `--variant` says otherwise). */
export function nodesFor(
  context: TestContext,
  implementation: TxnImplementation,
): ShardStoreImplementation {
  return implementation(concurrencyControl(context.variant));
}

/** Groups 1…`groupCount` of `serversPerGroup` servers (3) on 10 shards, joined and settled. */
export function transactionalStore(
  context: TestContext,
  nodes: ShardStoreImplementation,
  groupCount: number,
  options: { serversPerGroup?: number; network?: Partial<NetworkSettings> } = {},
): StoreRun & { readonly config: ShardConfig } {
  const run = startStore(paxosContext(context), nodes, {
    groupIds: Array.from({ length: groupCount }, (_, index) => index + 1),
    serversPerGroup: options.serversPerGroup ?? 3,
    shardCount: SHARD_COUNT,
    ...(options.network === undefined ? {} : { network: options.network }),
  });
  joinAll(run);
  // The Joins are in the shard masters' log; the groups still have to reach the last config.
  run.simulation.runFor(SETTLE_MS);
  const config = expectedConfig(
    SHARD_COUNT,
    [...run.groups.keys()].map((groupId) => joinGroup(run, groupId)),
  );
  return { ...run, config };
}

/** Adds one client per workload, `<prefix>1`, `<prefix>2`, …, each running its own. */
export function addClientsEach(
  run: StoreRun,
  nodes: ShardStoreImplementation,
  workloads: readonly Workload[],
  prefix = 'client',
): Address[] {
  return workloads.flatMap((workload, index) =>
    addStoreClients(run, nodes, 1, workload, `${prefix}${index + 1}-`),
  );
}

/**
 * Fails unless the whole history is strictly serializable: every transaction one atomic
 * operation of the transactional key-value spec, in an order that respects real time.
 */
export function checkStrictlySerializable(run: StoreRun, clients: readonly Address[]): void {
  checkResultsLinearizable(run.simulation, txnKVSpec(), { clients });
}
