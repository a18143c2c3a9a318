import {
  AMOApplication,
  type AMOCommand,
  type AMOResult,
  registerStateClass,
} from '../../framework/index.ts';
import { mutableCopy } from '../../framework/index.ts';
import { KVStore, type KVCommand } from '../kvstore/index.ts';
import { ownerOf, type ShardConfig } from '../shardmaster/index.ts';
import { keyToShard } from './key-to-shard.ts';
import type {
  DeleteShard,
  GroupCommand,
  InstallShard,
  NewConfig,
  ShardData,
  ShardStoreResult,
} from './messages.ts';

/**
 * What one replica group replicates through its log: the configuration it is in, a store per
 * shard it holds (each with its own exactly-once table, so that a shard moves with its table
 * and a command retried at the new owner is recognised there), and the reconfiguration in
 * progress: the shards it is giving away (frozen until the destination acknowledges them) and
 * the shards it is waiting for.
 *
 * Every field changes only in `execute`, in log order, so every server of the group goes
 * through the same states. The lab 3 Paxos server holds it where it holds its application,
 * and calls the two methods an `AMOApplication` has: `execute` and `alreadyExecuted`.
 * Deduplication happens per shard, not per group, and a `WrongGroup` answer is never
 * remembered: the same command may be sent again once the shard is here.
 */
export class GroupReplica {
  /** The group's current configuration: undefined until it adopts its first. */
  config: ShardConfig | undefined = undefined;
  /** The stores of the shards this group holds: serving, or frozen on their way out. */
  protected readonly stores = new Map<number, ShardData>();
  /** Shards given away in `config` and not yet acknowledged, by destination group. */
  protected readonly outgoing = new Map<number, number>();
  /** Shards received in `config` and not yet installed, by source group. */
  protected readonly incoming = new Map<number, number>();
  /** Commands executed per shard (the load the balancer reads); moves with nothing. */
  private readonly load = new Map<number, number>();

  constructor(
    readonly groupId: number,
    readonly shardCount: number,
  ) {}

  /** Whether this group executes commands on the shard of `key` now. */
  serves(key: string): boolean {
    return this.servesShard(keyToShard(key, this.shardCount));
  }

  /** Whether this group executes commands on `shard` now: it holds it and it is not frozen. */
  servesShard(shard: number): boolean {
    return this.stores.has(shard) && !this.outgoing.has(shard);
  }

  /** Whether `config` gives the shard of `key` to this group (installed or not). */
  owns(key: string): boolean {
    const config = this.config;
    return (
      config !== undefined && ownerOf(config, keyToShard(key, this.shardCount)) === this.groupId
    );
  }

  /** The number of the configuration this group is in, -1 before the first. */
  configNum(): number {
    return this.config?.configNum ?? -1;
  }

  /** Whether the current reconfiguration is over: nothing to send, nothing to wait for. */
  settled(): boolean {
    return this.outgoing.size === 0 && this.incoming.size === 0;
  }

  /** The frozen shards waiting for their destination's acknowledgement, by destination. */
  departing(): ReadonlyMap<number, number> {
    return this.outgoing;
  }

  /** Whether `shard` is still awaited in configuration `configNum`. */
  awaits(configNum: number, shard: number): boolean {
    return configNum === this.configNum() && this.incoming.has(shard);
  }

  /** The frozen data of a departing shard, to send (never to change). */
  shardData(shard: number): ShardData | undefined {
    return this.stores.get(shard);
  }

  /** The shards this group holds data of, serving or frozen. */
  heldShards(): number[] {
    return [...this.stores.keys()];
  }

  /** Commands executed on each shard this group holds, since it got it. */
  shardLoad(): ReadonlyMap<number, number> {
    return this.load;
  }

  execute(command: AMOCommand<GroupCommand>): AMOResult<ShardStoreResult> | undefined {
    const inner = command.command;
    switch (inner.kind) {
      case 'NewConfig':
        this.adopt(inner);
        return undefined;
      case 'InstallShard':
        this.install(inner);
        return undefined;
      case 'DeleteShard':
        this.delete(inner);
        return undefined;
      case 'Get':
      case 'Put':
      case 'Append':
        return this.executeClientCommand(command as AMOCommand<KVCommand>);
    }
  }

  alreadyExecuted(command: AMOCommand<GroupCommand>): boolean {
    const inner = command.command;
    switch (inner.kind) {
      case 'NewConfig':
        return inner.config.configNum <= this.configNum();
      case 'InstallShard':
        return inner.configNum < this.configNum() || !this.awaits(inner.configNum, inner.shard);
      case 'DeleteShard':
        return inner.configNum < this.configNum() || !this.outgoing.has(inner.shard);
      case 'Get':
      case 'Put':
      case 'Append': {
        const store = this.stores.get(keyToShard(inner.key, this.shardCount));
        return store?.alreadyExecuted(command as AMOCommand<KVCommand>) ?? false;
      }
    }
  }

  protected executeClientCommand(
    command: AMOCommand<KVCommand>,
  ): AMOResult<ShardStoreResult> | undefined {
    // Checked again here, in log order: the command was submitted in an earlier state.
    const shard = keyToShard(command.command.key, this.shardCount);
    const store = this.stores.get(shard);
    if (store === undefined || !this.servesShard(shard)) {
      // A retry of a command this shard executed is still answered from its table.
      if (store?.alreadyExecuted(command) === true) return store.execute(command);
      return {
        kind: 'AMOResult',
        result: { kind: 'WrongGroup' },
        sequenceNumber: command.sequenceNumber,
      };
    }
    if (!store.alreadyExecuted(command)) this.load.set(shard, (this.load.get(shard) ?? 0) + 1);
    return store.execute(command);
  }

  /**
   * Moves to the next configuration, if `config` is it and the current one is over. Shards
   * given away are frozen (no command executes on them any more) until the destination has
   * them; shards received from another group are awaited; shards that had no owner before
   * (configuration 0) start empty.
   */
  protected adopt({ config }: NewConfig): void {
    if (config.configNum !== this.configNum() + 1 || !this.settled()) return;
    const previous = this.config;
    for (const shard of this.stores.keys()) {
      const owner = ownerOf(config, shard);
      if (owner !== this.groupId && owner !== undefined) this.outgoing.set(shard, owner);
    }
    for (const shard of config.groups.get(this.groupId)?.shards ?? []) {
      if (this.stores.has(shard)) continue;
      const source = previous === undefined ? undefined : ownerOf(previous, shard);
      if (source === undefined) this.stores.set(shard, new AMOApplication(new KVStore()));
      else this.incoming.set(shard, source);
    }
    this.config = config;
  }

  /** Installs a shard received for the current configuration: it serves from now on. */
  protected install({ configNum, shard, data }: InstallShard): void {
    if (!this.awaits(configNum, shard)) return;
    // The data arrived in a message: frozen, and shared between copies of the state. The
    // store is a thawed copy, which this group may change.
    this.stores.set(shard, mutableCopy(data));
    this.incoming.delete(shard);
    this.load.delete(shard);
  }

  /** Forgets a departed shard once its destination has installed it. */
  protected delete({ configNum, shard }: DeleteShard): void {
    if (configNum !== this.configNum() || !this.outgoing.has(shard)) return;
    this.stores.delete(shard);
    this.outgoing.delete(shard);
    this.load.delete(shard);
  }
}
registerStateClass('GroupReplica', GroupReplica);
