import { type Address, addresses } from '../../../framework/index.ts';
import {
  SystemBuilder,
  SystemModel,
  type SystemSearchSettings,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import type { RaftImplementation } from '../implementation.ts';
import type { SnapshotPolicy } from '../raft-peer.ts';

/** Searches snapshot every 2 entries: short workloads reach compaction and InstallSnapshot. */
export const SEARCH_SNAPSHOT_POLICY: SnapshotPolicy = { everyEntries: 2 };

/** A search system of key-value servers on Raft: its servers, its clients and the model. */
export interface RaftSearch {
  readonly servers: readonly Address[];
  readonly clients: readonly Address[];
  readonly model: SystemModel;
}

/** Builds the initial state of a search: `serverCount` servers, and one client per workload. */
export function buildRaftSearch(
  context: TestContext,
  implementation: RaftImplementation,
  serverCount: number,
  workloads: readonly Workload[],
  settings: SystemSearchSettings = {},
): RaftSearch {
  const servers = addresses('server', serverCount);
  const clients = addresses('client', workloads.length);
  const builder = new SystemBuilder(context.seed);
  for (const server of servers)
    builder.addNode(implementation.kvServer(server, servers, SEARCH_SNAPSHOT_POLICY));
  clients.forEach((client, index) =>
    builder.addClientWorker(implementation.client(client, servers), workloads[index] as Workload),
  );
  return { servers, clients, model: new SystemModel(builder.build(), settings) };
}
