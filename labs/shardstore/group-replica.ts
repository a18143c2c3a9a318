import {
  AMOApplication,
  type AMOCommand,
  type AMOResult,
  registerStateClass,
} from '../../framework/index.ts';
import { KVStore, type KVCommand } from '../kvstore/index.ts';
import type { ShardConfig } from '../shardmaster/index.ts';
import { keyToShard } from './key-to-shard.ts';
import type { GroupCommand, ShardStoreResult } from './messages.ts';

/**
 * What one replica group replicates through its log: the configuration it is in, and a store
 * per shard it holds, each with its own exactly-once table — so that a shard can later move
 * to another group with its table and a retried command is still recognised there.
 *
 * The lab 3 Paxos server holds it where it holds its application, and calls the two methods
 * an `AMOApplication` has: `execute` and `alreadyExecuted`. Deduplication happens per shard,
 * not per group, and a `WrongGroup` answer is never remembered: the same command may be sent
 * again once the shard is here.
 */
export class GroupReplica {
  /** The group's current configuration: undefined until it adopts its first. */
  config: ShardConfig | undefined = undefined;
  /** The stores of the shards this group serves in `config`. */
  private readonly stores = new Map<number, AMOApplication<KVCommand, ShardStoreResult>>();

  constructor(
    readonly groupId: number,
    readonly shardCount: number,
  ) {}

  /** The shard of `key`, if this group serves it now. */
  serves(key: string): boolean {
    return this.stores.has(keyToShard(key, this.shardCount));
  }

  /** The number of the configuration this group is in, -1 before the first. */
  configNum(): number {
    return this.config?.configNum ?? -1;
  }

  execute(command: AMOCommand<GroupCommand>): AMOResult<ShardStoreResult> | undefined {
    const inner = command.command;
    if (inner.kind === 'NewConfig') {
      this.adopt(inner.config);
      return undefined;
    }
    const store = this.stores.get(keyToShard(inner.key, this.shardCount));
    if (store === undefined)
      return {
        kind: 'AMOResult',
        result: { kind: 'WrongGroup' },
        sequenceNumber: command.sequenceNumber,
      };
    return store.execute(command as AMOCommand<KVCommand>);
  }

  alreadyExecuted(command: AMOCommand<GroupCommand>): boolean {
    const inner = command.command;
    if (inner.kind === 'NewConfig') return inner.config.configNum <= this.configNum();
    const store = this.stores.get(keyToShard(inner.key, this.shardCount));
    return store?.alreadyExecuted(command as AMOCommand<KVCommand>) ?? false;
  }

  /**
   * Moves to the next configuration, if `config` is it. A shard that had no owner before
   * (configuration 0) starts empty here. Shards that change hands between groups need the
   * transfer protocol of part 2, not built yet: a shard given away stops being served and its
   * data is dropped, and a shard received from another group is not served.
   */
  private adopt(config: ShardConfig): void {
    if (config.configNum !== this.configNum() + 1) return;
    const owned = new Set(config.groups.get(this.groupId)?.shards ?? []);
    for (const shard of [...this.stores.keys()]) if (!owned.has(shard)) this.stores.delete(shard);
    if (this.config === undefined)
      for (const shard of owned) this.stores.set(shard, new AMOApplication(new KVStore()));
    this.config = config;
  }
}
registerStateClass('GroupReplica', GroupReplica);
