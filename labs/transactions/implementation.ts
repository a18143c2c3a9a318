import type { ShardStoreImplementation } from '../shardstore/implementation.ts';
import { TxnClient } from './txn-client.ts';
import { TxnServer } from './txn-server.ts';
import type { ConcurrencyControl } from './variant.ts';

/**
 * The nodes a part 3 test builds, for a concurrency control: part 2's shape (a server per
 * group placement, a client), so that part 2's set-up builds them. Tests take this as a
 * parameter so that the same suite runs on the reference, a student's, or a broken variant.
 */
export type TxnImplementation = (control: ConcurrencyControl) => ShardStoreImplementation;

/** The reference solution. */
export const referenceTxnImplementation: TxnImplementation = (control) => ({
  server: ({ address, group, shardMasters, groupId, shardCount, variant }) =>
    new TxnServer(address, group, shardMasters, groupId, shardCount, variant, control),
  client: (address, shardMasters, shardCount) => new TxnClient(address, shardMasters, shardCount),
});
