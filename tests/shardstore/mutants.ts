import { type Address, AMOApplication, registerStateClass } from '../../framework/index.ts';
import { mutableCopy } from '../../framework/index.ts';
import { KVStore } from '../../labs/kvstore/index.ts';
import { GroupReplica } from '../../labs/shardstore/group-replica.ts';
import {
  referenceImplementation,
  type ShardStoreImplementation,
} from '../../labs/shardstore/implementation.ts';
import type { InstallShard, NewConfig, ShardStoreRequest } from '../../labs/shardstore/messages.ts';
import { ShardStoreServer } from '../../labs/shardstore/shard-store-server.ts';

/** A deliberately broken store, and the test of part 2 that its default seed fails. */
export interface ShardStoreMutant {
  readonly name: string;
  readonly implementation: ShardStoreImplementation;
  readonly caughtBy: number;
}

/** A server logs requests for shards its group does not own (the replica still refuses them). */
class UncheckedServer extends ShardStoreServer {
  override handleShardStoreRequest(message: ShardStoreRequest, sender: Address): void {
    // BUG: no ownership check before the log.
    this.paxos.submit(message.command, sender);
  }
}

/** A group serves a shard it receives from the moment it adopts the config, before the data. */
class ServeBeforeInstallReplica extends GroupReplica {
  protected override adopt(command: NewConfig): void {
    super.adopt(command);
    // BUG: an empty store stands in for the shard until it arrives.
    for (const shard of this.incoming.keys())
      this.stores.set(shard, new AMOApplication(new KVStore()));
  }

  override servesShard(shard: number): boolean {
    return this.stores.has(shard) && !this.outgoing.has(shard);
  }
}
registerStateClass('test/ServeBeforeInstallReplica', ServeBeforeInstallReplica);

/** A group keeps executing commands on the shards it is giving away, after the snapshot. */
class NoFreezeReplica extends GroupReplica {
  // BUG: a departing shard is served until its data is deleted.
  override servesShard(shard: number): boolean {
    return this.stores.has(shard);
  }
}
registerStateClass('test/NoFreezeReplica', NoFreezeReplica);

/**
 * A group installs a shard's data without its exactly-once table: a command that executed at
 * the old owner and is retried at the new one executes twice.
 */
class TablelessInstallReplica extends GroupReplica {
  protected override install(command: InstallShard): void {
    // BUG: the exactly-once table stays behind.
    super.install({
      ...command,
      data: new AMOApplication(mutableCopy(command.data.application)),
    });
  }
}
registerStateClass('test/TablelessInstallReplica', TablelessInstallReplica);

/** A server deletes a departing shard as soon as it has sent it, without waiting for an ack. */
class DeleteBeforeAckServer extends ShardStoreServer {
  protected override sendFrozenShards(): void {
    super.sendFrozenShards();
    const replica = this.paxos.replica();
    // BUG: the destination may never receive what was deleted here.
    for (const shard of replica.departing().keys())
      this.handleShardMoveAck({ kind: 'ShardMoveAck', configNum: replica.configNum(), shard });
  }
}

function withReplica(
  replica: new (groupId: number, shardCount: number) => GroupReplica,
): ShardStoreImplementation {
  return {
    ...referenceImplementation,
    server: ({ address, group, shardMasters, groupId, shardCount, variant }) =>
      new ShardStoreServer(
        address,
        group,
        shardMasters,
        groupId,
        shardCount,
        variant,
        new replica(groupId, shardCount),
      ),
  };
}

function withServer(server: typeof ShardStoreServer): ShardStoreImplementation {
  return {
    ...referenceImplementation,
    server: ({ address, group, shardMasters, groupId, shardCount, variant }) =>
      new server(address, group, shardMasters, groupId, shardCount, variant),
  };
}

/** Lab 4 part 2's catalogue of broken stores. */
export const SHARD_STORE_MUTANTS: readonly ShardStoreMutant[] = [
  {
    name: 'logs requests for unowned shards',
    implementation: withServer(UncheckedServer),
    caughtBy: 2,
  },
  {
    name: 'serves a shard before installing it',
    implementation: withReplica(ServeBeforeInstallReplica),
    caughtBy: 3,
  },
  {
    name: 'does not freeze departing shards',
    implementation: withReplica(NoFreezeReplica),
    caughtBy: 3,
  },
  {
    name: 'moves a shard without its exactly-once table',
    implementation: withReplica(TablelessInstallReplica),
    caughtBy: 9,
  },
  {
    name: 'deletes a shard before the destination acknowledges it',
    implementation: withServer(DeleteBeforeAckServer),
    caughtBy: 9,
  },
];
