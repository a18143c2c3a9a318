// Shared set-up of the sharded-store benchmarks: groups of three servers on 1 ms links, each
// node handling one message (or timer) at a time for 50 µs (the Paxos benchmarks' service
// time), three shard masters, ten shards.
import { type Address, subAddress } from '../framework/index.ts';
import { findNode, Simulation, type SimulationEvent } from '../framework/testing.ts';
import { paxosVariant } from '../labs/paxos/variant.ts';
import type { GroupPaxos } from '../labs/shardstore/group-paxos.ts';
import type { GroupReplica } from '../labs/shardstore/group-replica.ts';
import { referenceImplementation } from '../labs/shardstore/implementation.ts';
import { PAXOS_SUB_NODE } from '../labs/shardstore/shard-store-server.ts';
import { joinAll, populateStore, type StoreRun } from '../labs/shardstore/tests/setup.ts';
import { LINK_MS, SERVICE_TIME_MS } from './paxos-cluster.ts';

export const SHARD_COUNT = 10;

/**
 * A store of `groupCount` joined groups, three servers each, on the benchmark network;
 * `afterEvent` sees every event once it has run.
 */
export function joinedCluster(
  groupCount: number,
  seed: number,
  afterEvent?: (event: SimulationEvent, simulation: Simulation) => void,
): StoreRun {
  const simulation = new Simulation({
    seed,
    network: { latencyMsMin: LINK_MS, latencyMsMax: LINK_MS },
    serviceTimeMs: SERVICE_TIME_MS,
    ...(afterEvent === undefined ? {} : { afterEvent }),
  });
  const groupIds = Array.from({ length: groupCount }, (_, index) => index + 1);
  const run = populateStore(
    simulation,
    referenceImplementation,
    { groupIds, serversPerGroup: 3, shardCount: SHARD_COUNT },
    paxosVariant(undefined),
  );
  joinAll(run);
  return run;
}

/** The replicated state of a group server (the reference implementation's). */
export function replicaOf(simulation: Simulation, server: Address): GroupReplica {
  const paxos = findNode(simulation.node(server), subAddress(server, PAXOS_SUB_NODE));
  return (paxos as GroupPaxos).replica();
}
