import {
  type Address,
  amoCommand,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import {
  LATEST_CONFIG,
  move,
  query,
  shardMasterRequest,
  type ShardConfig,
  type ShardMasterCommand,
} from '../shardmaster/index.ts';
import type { LoadReport, ShardMasterReply } from './messages.ts';
import {
  DEFAULT_REBALANCE_SETTINGS,
  groupLoadsOf,
  loadSkew,
  planMove,
  type RebalanceSettings,
} from './rebalance-plan.ts';
import { BALANCE_WINDOW_MILLIS, type BalanceTimer } from './timers.ts';

/**
 * Load-based rebalancing, off unless a run adds this node. Every window (1 s) it asks every
 * server for its group's per-shard command counts and the shard masters for the latest
 * configuration; from the counts' growth over the window it computes each group's load, and
 * when the skew calls for it (see {@link RebalanceSettings}) it sends the shard masters a
 * `Move` of one shard from the busiest group to the idlest. The groups then move the shard as
 * for any Move.
 */
export class ShardBalancer
  extends Node
  implements MessageHandlers<LoadReport | ShardMasterReply>, TimerHandlers<BalanceTimer>
{
  private config: ShardConfig | undefined = undefined;
  /** The highest count reported this window, by group and shard (`group/shard`). */
  private readonly reported = new Map<string, number>();
  /** The counts at the end of the last window. */
  private readonly previous = new Map<string, number>();
  private rebalancing = false;
  private cooldown = 0;
  private sequenceNumber = 0;
  /** Every Move sent, in order (for tests and benchmarks to read). */
  readonly moves: ShardMasterCommand[] = [];

  constructor(
    address: Address,
    private readonly shardMasters: readonly Address[],
    private readonly settings: RebalanceSettings = DEFAULT_REBALANCE_SETTINGS,
  ) {
    super(address);
  }

  override init(): void {
    this.ask();
    this.set({ kind: 'BalanceTimer' }, BALANCE_WINDOW_MILLIS);
  }

  handleLoadReport(message: LoadReport): void {
    for (const [shard, count] of message.load) {
      const key = `${message.groupId}/${shard}`;
      this.reported.set(key, Math.max(this.reported.get(key) ?? 0, count));
    }
  }

  handlePaxosReply(message: ShardMasterReply): void {
    const config = message.result.result;
    if (config.kind !== 'ShardConfig') return;
    if (this.config === undefined || config.configNum > this.config.configNum) this.config = config;
  }

  onBalanceTimer(timer: BalanceTimer): void {
    // One command to the shard masters at a time: their exactly-once table keeps one result
    // per client, so a Query numbered after a Move and executed first would make them drop
    // the Move. The configuration is asked for again in the next window.
    const moved = this.decide();
    this.ask(!moved);
    this.set(timer, BALANCE_WINDOW_MILLIS);
  }

  /** Measures the window and sends a Move if the load calls for one; whether it did. */
  private decide(): boolean {
    const config = this.config;
    if (config === undefined) return false;
    // This window's load per group and shard: how far each count grew (a shard that arrived
    // in the window counts from 0).
    const shardLoads = new Map<number, Map<number, number>>();
    let total = 0;
    for (const [groupId, info] of config.groups) {
      const shards = new Map<number, number>();
      for (const shard of info.shards) {
        const key = `${groupId}/${shard}`;
        const now = this.reported.get(key) ?? 0;
        const before = this.previous.get(key) ?? 0;
        const load = now >= before ? now - before : now;
        shards.set(shard, load);
        total += load;
      }
      shardLoads.set(groupId, shards);
    }
    this.previous.clear();
    for (const [key, count] of this.reported) this.previous.set(key, count);
    this.reported.clear();
    if (this.cooldown > 0) {
      this.cooldown--;
      return false;
    }
    if (total < this.settings.minimumWindowLoad) return false;
    const skew = loadSkew(groupLoadsOf(shardLoads));
    if (!this.rebalancing && skew > this.settings.startSkew) this.rebalancing = true;
    else if (this.rebalancing && skew < this.settings.stopSkew) this.rebalancing = false;
    if (!this.rebalancing) return false;
    const planned = planMove(shardLoads);
    if (planned === undefined) return false;
    const command = move(planned.toGroup, planned.shard);
    this.moves.push(command);
    this.sendToMasters(command);
    this.cooldown = this.settings.cooldownWindows;
    return true;
  }

  private ask(configToo = true): void {
    if (configToo) this.sendToMasters(query(LATEST_CONFIG));
    for (const info of this.config?.groups.values() ?? [])
      this.broadcast({ kind: 'LoadQuery' }, info.servers);
  }

  private sendToMasters(command: ShardMasterCommand): void {
    this.sequenceNumber++;
    const request = shardMasterRequest(amoCommand(command, this.address, this.sequenceNumber));
    this.broadcast(request, this.shardMasters);
  }
}
