import { address, addresses } from '../../framework/index.ts';
import {
  CLIENTS_DONE,
  RESULTS_OK,
  scriptedWorkload,
  SystemBuilder,
  SystemModel,
  type ExploreSetup,
  type Workload,
} from '../../framework/testing.ts';
import { differentKeysAppends, kvWorkload } from '../kvstore/index.ts';
import { PaxosClient } from '../paxos/paxos-client.ts';
import { paxosVariant } from '../paxos/variant.ts';
import { ShardMaster, ShardMasterServer } from '../shardmaster/index.ts';
import { ConfigScriptError, parseConfigScript, type ConfigScriptLimits } from './config-script.ts';
import { referenceImplementation } from './implementation.ts';
import { groupAddresses } from './tests/setup.ts';

const WORKLOADS: Record<string, { description: string; make: () => Workload }> = {
  'one-append': {
    description: 'each client appends once to a key of its own (client c: key-c, on shard c)',
    make: () => differentKeysAppends(1),
  },
  'put-get': {
    description: 'PUT key-1=bar, then GET key-1 (expects bar), on shard 1',
    make: () => kvWorkload(['PUT:key-1:bar', 'GET:key-1'], ['PutOk', 'bar']),
  },
};

const GROUPS = { default: 1, min: 1, max: 4 };
const SHARD_MASTERS = { default: 1, min: 1, max: 3 };
const SHARDS = { default: 4, min: 1, max: 20 };
const DEFAULT_SCRIPT = 'JOIN:1';

/** The groups and shards a script may name, with the servers of each group, for `counts`. */
function scriptLimits(
  counts: Readonly<Record<string, number>>,
  servers: number,
): ConfigScriptLimits {
  return {
    groupCount: counts['groups'] ?? GROUPS.default,
    shardCount: counts['shards'] ?? SHARDS.default,
    groupServers: (groupId) => groupAddresses(groupId, servers),
  };
}

/**
 * Explore mode for lab 4: replica groups `server<g>-<i>` (`--servers` per group), shard
 * masters `master<m>` (lab 3 Paxos servers running the shard master), an administrator
 * `admin` that sends the config script's commands to the shard masters one at a time, and
 * store clients. Every group runs and polls the shard masters from the start; a group
 * serves shards only once the script has joined it.
 *
 * Groups that give shards to one another need shard migration; until the store has it, a
 * shard that moves from one group to another is not served by its new owner.
 */
export const shardStoreExplore: ExploreSetup = {
  servers: { default: 1, min: 1, max: 3 },
  clients: { default: 1, min: 1, max: 3 },
  workloads: Object.entries(WORKLOADS).map(([name, { description }]) => ({ name, description })),
  options: [
    { kind: 'count', name: 'groups', description: 'Replica groups', range: GROUPS },
    { kind: 'count', name: 'shard-masters', description: 'Shard masters', range: SHARD_MASTERS },
    { kind: 'count', name: 'shards', description: 'Shards', range: SHARDS },
    {
      kind: 'text',
      name: 'config-script',
      description: 'Config script (JOIN:g, LEAVE:g, MOVE:g:shard, comma-separated)',
      default: DEFAULT_SCRIPT,
      problem(text, counts) {
        try {
          // The server names do not matter to whether the script can be read.
          parseConfigScript(text, scriptLimits(counts, 1));
          return undefined;
        } catch (error) {
          if (error instanceof ConfigScriptError) return error.message;
          throw error;
        }
      },
    },
  ],
  build({ servers, clients, workload, seed, counts, texts }) {
    const chosen = WORKLOADS[workload];
    if (chosen === undefined) throw new Error(`lab 4 has no explore workload ${workload}`);
    const limits = scriptLimits(counts, servers);
    const script = texts['config-script'] ?? DEFAULT_SCRIPT;
    const commands = parseConfigScript(script, limits);
    const variant = paxosVariant(undefined);
    const shardMasters = addresses('master', counts['shard-masters'] ?? SHARD_MASTERS.default);
    const builder = new SystemBuilder(seed);
    for (const master of shardMasters)
      builder.addNode(
        new ShardMasterServer(master, shardMasters, variant, new ShardMaster(limits.shardCount)),
      );
    for (let groupId = 1; groupId <= limits.groupCount; groupId++) {
      const group = limits.groupServers(groupId);
      for (const server of group)
        builder.addNode(
          referenceImplementation.server({
            address: server,
            group,
            groupId,
            shardMasters,
            shardCount: limits.shardCount,
            variant,
          }),
        );
    }
    if (commands.length > 0) {
      const admin = address('admin');
      builder.addClientWorker(new PaxosClient(admin, shardMasters), scriptedWorkload(commands));
    }
    for (const client of addresses('client', clients))
      builder.addClientWorker(
        referenceImplementation.client(client, shardMasters, limits.shardCount),
        chosen.make(),
      );
    const plural = (count: number, noun: string): string =>
      `${count} ${noun}${count === 1 ? '' : 's'}`;
    return {
      model: new SystemModel(builder.build()),
      predicates: [RESULTS_OK, CLIENTS_DONE],
      description: `${plural(limits.groupCount, 'group')} of ${plural(servers, 'server')}, ${plural(shardMasters.length, 'shard master')}, ${plural(clients, 'client')}, ${plural(limits.shardCount, 'shard')}; config script ${script === '' ? '(none)' : script}; ${workload}`,
    };
  },
};
