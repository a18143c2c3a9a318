import { AMOApplication, type Address, type ClientNode } from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../kvstore/index.ts';
import type { PaxosServerNode } from './log-inspection.ts';
import { PaxosClient } from './paxos-client.ts';
import { PaxosServer } from './paxos-server.ts';
import type { PaxosVariant } from './variant.ts';

/**
 * The nodes a lab 3 test builds. Tests take this as a parameter so that the same suite
 * runs on the reference solution, a student's, or a deliberately broken variant.
 */
export interface PaxosImplementation {
  server(address: Address, servers: readonly Address[], variant: PaxosVariant): PaxosServerNode;
  client(address: Address, servers: readonly Address[]): ClientNode;
}

/** What each lab 3 server replicates: a fresh key-value store, with at-most-once semantics. */
export function replicatedKVStore(): AMOApplication<KVCommand, KVResult> {
  return new AMOApplication(new KVStore());
}

/** The reference solution. */
export const referenceImplementation: PaxosImplementation = {
  server: (address, servers, variant) =>
    new PaxosServer(address, servers, variant, replicatedKVStore()),
  client: (address, servers) => new PaxosClient(address, servers),
};
