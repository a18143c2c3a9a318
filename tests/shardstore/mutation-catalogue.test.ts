import { describe, expect, it } from 'vitest';
import type { Address } from '../../framework/index.ts';
import { executeTest } from '../../framework/testing.ts';
import {
  referenceImplementation,
  type ShardStoreImplementation,
} from '../../labs/shardstore/implementation.ts';
import type { ShardStoreRequest } from '../../labs/shardstore/messages.ts';
import { ShardStoreServer } from '../../labs/shardstore/shard-store-server.ts';
import { shardStoreTests } from '../../labs/shardstore/tests/index.ts';

/**
 * A server that hands every request to its group's log, owned or not: the replica still
 * answers WrongGroup when it executes, but a group's log now carries commands for keys it
 * does not own (and, once shards move, would race their transfer).
 */
class UncheckedServer extends ShardStoreServer {
  override handleShardStoreRequest(message: ShardStoreRequest, sender: Address): void {
    // BUG: no ownership check before the log.
    this.paxos.submit(message.command, sender);
  }
}

const uncheckedServer: ShardStoreImplementation = {
  ...referenceImplementation,
  server: ({ address, group, shardMasters, groupId, shardCount, variant }) =>
    new UncheckedServer(address, group, shardMasters, groupId, shardCount, variant),
};

describe('lab 4 part 2 mutation catalogue', () => {
  it('a server that logs requests for shards it does not own fails test 2.2', () => {
    const test = shardStoreTests(uncheckedServer).find((candidate) => candidate.number === 2);
    if (test === undefined) throw new Error('lab 4 has no test 2.2');
    const execution = executeTest(test, { seed: 1 });
    expect(execution.failure).toMatch(/log holds rogue's command/);
  });
});
