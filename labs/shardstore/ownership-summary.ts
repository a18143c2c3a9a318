import {
  stateMapEntries,
  stateObjects,
  type StateSummary,
  type SummaryTable,
} from '../../framework/testing.ts';

/** What one server's replicated state says: its group, the config it is in, the shards it holds. */
interface ReplicaView {
  readonly server: string;
  readonly groupId: number;
  readonly configNum: number | undefined;
  readonly shards: readonly number[];
}

/** A configuration as the shard masters hold it: configNum and each group's shards. */
interface ConfigView {
  readonly configNum: number;
  readonly owners: ReadonlyMap<number, number>;
  readonly groups: readonly number[];
}

const NONE = '—';

/**
 * Lab 4's summary for the visualizer: which group owns each shard in the shard masters' latest
 * configuration, and which groups' servers hold it in the configuration each one is in —
 * the two differ while a group has not caught up, or while a shard is moving. Read from the
 * JSON form of the `ShardMaster` applications and the groups' `GroupReplica`s, wherever in a
 * node they sit.
 */
export const shardOwnershipSummary: StateSummary = {
  title: 'Shard ownership',
  summarize(nodes) {
    const replicas: ReplicaView[] = [];
    let latest: ConfigView | undefined;
    let shardCount = 0;
    for (const [address, state] of nodes) {
      for (const master of stateObjects(state, 'ShardMaster')) {
        shardCount = Math.max(shardCount, numberOf(master['shardCount']) ?? 0);
        const configs = Array.isArray(master['configs']) ? (master['configs'] as unknown[]) : [];
        const config = configView(configs.at(-1));
        if (config !== undefined && config.configNum > (latest?.configNum ?? -1)) latest = config;
      }
      for (const replica of stateObjects(state, 'GroupReplica')) {
        const view = replicaView(address, replica);
        if (view === undefined) continue;
        replicas.push(view);
        shardCount = Math.max(shardCount, numberOf(replica['shardCount']) ?? 0);
      }
    }
    return [shardsTable(shardCount, latest, replicas), groupsTable(latest, replicas)];
  },
};

function shardsTable(
  shardCount: number,
  latest: ConfigView | undefined,
  replicas: readonly ReplicaView[],
): SummaryTable {
  const serversOf = (groupId: number): number =>
    replicas.filter((replica) => replica.groupId === groupId).length;
  const rows = Array.from({ length: shardCount }, (_, index) => {
    const shard = index + 1;
    const owner = latest?.owners.get(shard);
    const holders = groupIds(replicas)
      .map((groupId) => {
        const holding = replicas.filter(
          (replica) => replica.groupId === groupId && replica.shards.includes(shard),
        ).length;
        if (holding === 0) return undefined;
        const servers = serversOf(groupId);
        return holding === servers
          ? `group ${groupId}`
          : `group ${groupId} (${holding} of ${servers} servers)`;
      })
      .filter((text): text is string => text !== undefined);
    return [
      String(shard),
      owner === undefined ? NONE : `group ${owner}`,
      holders.length === 0 ? NONE : holders.join(', '),
    ];
  });
  return {
    caption: 'Shards',
    columns: [
      'Shard',
      latest === undefined ? 'Owner' : `Owner in config ${latest.configNum}`,
      'Held by',
    ],
    rows,
    note:
      latest === undefined
        ? 'The shard masters have no configuration yet: no Join has executed.'
        : "Owner: the shard masters' latest configuration. Held by: the groups whose servers have the shard's data, each in the configuration it is in (a group moves one configuration at a time).",
  };
}

function groupsTable(
  latest: ConfigView | undefined,
  replicas: readonly ReplicaView[],
): SummaryTable {
  const ids = [...new Set([...groupIds(replicas), ...(latest?.groups ?? [])])].sort(
    (a, b) => a - b,
  );
  const rows = ids.map((groupId) => {
    const servers = replicas.filter((replica) => replica.groupId === groupId);
    const configs = [...new Set(servers.map((replica) => configText(replica.configNum)))];
    const inConfig =
      configs.length <= 1
        ? (configs[0] ?? NONE)
        : servers
            .map((replica) => `${replica.server}: ${configText(replica.configNum)}`)
            .join(', ');
    const owned = [...(latest?.owners ?? [])]
      .filter(([, owner]) => owner === groupId)
      .map(([shard]) => shard);
    const held = [...new Set(servers.flatMap((replica) => replica.shards))];
    return [String(groupId), inConfig, shardList(owned), shardList(held)];
  });
  return {
    caption: 'Groups',
    columns: ['Group', 'In config', 'Owns (latest)', 'Holds'],
    rows,
    note: 'In config: the configuration its servers have adopted through their log (none before the first).',
  };
}

function groupIds(replicas: readonly ReplicaView[]): number[] {
  return [...new Set(replicas.map((replica) => replica.groupId))].sort((a, b) => a - b);
}

function configText(configNum: number | undefined): string {
  return configNum === undefined ? 'none' : String(configNum);
}

function shardList(shards: readonly number[]): string {
  return shards.length === 0 ? NONE : [...shards].sort((a, b) => a - b).join(', ');
}

function replicaView(server: string, replica: Record<string, unknown>): ReplicaView | undefined {
  const groupId = numberOf(replica['groupId']);
  if (groupId === undefined) return undefined;
  const config = replica['config'];
  const configNum =
    config !== null && typeof config === 'object'
      ? numberOf((config as Record<string, unknown>)['configNum'])
      : undefined;
  const shards = stateMapEntries(replica['stores']).flatMap(([shard]) => {
    const number = numberOf(shard);
    return number === undefined ? [] : [number];
  });
  return { server, groupId, configNum, shards };
}

function configView(config: unknown): ConfigView | undefined {
  if (config === null || typeof config !== 'object') return undefined;
  const record = config as Record<string, unknown>;
  const configNum = numberOf(record['configNum']);
  if (configNum === undefined) return undefined;
  const owners = new Map<number, number>();
  const groups: number[] = [];
  for (const [groupId, info] of stateMapEntries(record['groups'])) {
    const id = numberOf(groupId);
    if (id === undefined) continue;
    groups.push(id);
    const shards = (info as Record<string, unknown> | null)?.['shards'];
    if (Array.isArray(shards))
      for (const shard of shards) {
        const number = numberOf(shard);
        if (number !== undefined) owners.set(number, id);
      }
  }
  return { configNum, owners, groups };
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
