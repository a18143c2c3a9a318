import {
  type Address,
  amoCommand,
  type Client,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import {
  LATEST_CONFIG,
  query,
  shardMasterRequest,
  type ShardConfig,
  type ShardMasterResult,
} from '../shardmaster/index.ts';
import { keyToShard } from './key-to-shard.ts';
import type { ShardStoreReply, ShardStoreRequest, ShardStoreResult } from './messages.ts';
import { CLIENT_RETRY_MILLIS, type ShardStoreClientTimer } from './timers.ts';

/**
 * A client of the sharded store. It caches the latest configuration it has heard of, sends
 * each command (numbered, for exactly-once execution) to every server of the group that owns
 * the key's shard there, and asks the shard masters for the latest configuration when a group
 * answers `WrongGroup` or when no answer comes within 100 ms (then it sends again, to the
 * owner in whatever configuration it has by then).
 */
export class ShardStoreClient
  extends Node
  implements Client, MessageHandlers<ShardStoreReply>, TimerHandlers<ShardStoreClientTimer>
{
  private config: ShardConfig | undefined = undefined;
  private request: ShardStoreRequest | undefined = undefined;
  private result: KVResult | undefined = undefined;
  private sequenceNumber = 0;
  /** Numbers the client's queries to the shard masters, apart from its commands. */
  private masterSequenceNumber = 0;

  constructor(
    address: Address,
    private readonly shardMasters: readonly Address[],
    private readonly shardCount: number,
  ) {
    super(address);
  }

  // Client interface

  sendCommand(command: KVCommand): void {
    this.sequenceNumber++;
    this.request = {
      kind: 'ShardStoreRequest',
      command: amoCommand(command, this.address, this.sequenceNumber),
    };
    this.result = undefined;
    if (this.config === undefined) this.queryShardMasters();
    else this.sendToOwner(this.request);
    this.set(
      { kind: 'ShardStoreClientTimer', sequenceNumber: this.sequenceNumber },
      CLIENT_RETRY_MILLIS,
    );
  }

  hasResult(): boolean {
    return this.result !== undefined;
  }

  getResult(): KVResult {
    if (this.result === undefined) throw new Error('no result yet');
    return this.result;
  }

  // Message handlers

  /** Replies come from the shard masters (configurations) and from groups (results). */
  handlePaxosReply(message: ShardStoreReply, sender: Address): void {
    const result = message.result.result;
    if (this.shardMasters.includes(sender)) {
      if (result.kind !== 'ShardConfig') return;
      if (this.config !== undefined && result.configNum <= this.config.configNum) return;
      this.config = result;
      if (this.request !== undefined && this.result === undefined) this.sendToOwner(this.request);
      return;
    }
    if (this.request === undefined || message.result.sequenceNumber !== this.sequenceNumber) return;
    if (result.kind === 'WrongGroup') this.queryShardMasters();
    else if (!isShardMasterResult(result)) this.result = result;
  }

  // Timer handlers

  onShardStoreClientTimer(timer: ShardStoreClientTimer): void {
    if (
      timer.sequenceNumber !== this.sequenceNumber ||
      this.result !== undefined ||
      this.request === undefined
    )
      return;
    this.queryShardMasters();
    this.sendToOwner(this.request);
    this.set(timer, CLIENT_RETRY_MILLIS);
  }

  // Utilities

  private sendToOwner(request: ShardStoreRequest): void {
    if (this.config === undefined) return;
    const shard = keyToShard(request.command.command.key, this.shardCount);
    for (const info of this.config.groups.values())
      if (info.shards.includes(shard)) this.broadcast(request, info.servers);
  }

  private queryShardMasters(): void {
    this.masterSequenceNumber++;
    const command = amoCommand(query(LATEST_CONFIG), this.address, this.masterSequenceNumber);
    this.broadcast(shardMasterRequest(command), this.shardMasters);
  }
}

/** Whether a result is one a shard master gives (which no group sends, but the types allow). */
function isShardMasterResult(
  result: ShardStoreResult | ShardMasterResult,
): result is ShardMasterResult {
  return result.kind === 'ShardConfig' || result.kind === 'Ok' || result.kind === 'Error';
}
