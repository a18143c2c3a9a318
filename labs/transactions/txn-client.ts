import {
  type Address,
  amoCommand,
  type AMOCommand,
  type Client,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import { keySet, type TxnCommand, type TxnResult } from '../kvstore/index.ts';
import type { PaxosReply } from '../paxos/messages.ts';
import {
  LATEST_CONFIG,
  ownerOf,
  query,
  shardMasterRequest,
  type ShardConfig,
} from '../shardmaster/index.ts';
import { keyToShard } from '../shardstore/key-to-shard.ts';
import type { TxnReply, TxnRequest } from './messages.ts';
import {
  TXN_BACKOFF_MILLIS,
  TXN_BACKOFF_DOUBLINGS_MAX,
  TXN_CLIENT_RETRY_MILLIS,
  type TxnBackoffTimer,
  type TxnClientTimer,
} from './timers.ts';

/**
 * A client of the transactional store. It sends each transaction to its home group — the
 * owner of the shard of its first key (in sorted order), which coordinates it — numbered for
 * exactly-once execution, with an attempt number. An aborted attempt is retried as the next
 * attempt after a random, exponentially growing backoff (so colliding transactions spread out); a
 * `wrong-group` answer or 100 ms of silence sends it to the shard masters for the latest
 * configuration, and again to whichever group is home then.
 */
export class TxnClient
  extends Node
  implements
    Client,
    MessageHandlers<PaxosReply | TxnReply>,
    TimerHandlers<TxnClientTimer | TxnBackoffTimer>
{
  private config: ShardConfig | undefined = undefined;
  private command: AMOCommand<TxnCommand> | undefined = undefined;
  private attempt = 0;
  private result: TxnResult | undefined = undefined;
  private sequenceNumber = 0;
  private masterSequenceNumber = 0;
  /** Aborted attempts of the current transaction (the benchmarks read it). */
  aborts = 0;

  constructor(
    address: Address,
    private readonly shardMasters: readonly Address[],
    private readonly shardCount: number,
  ) {
    super(address);
  }

  sendCommand(command: TxnCommand): void {
    if (keySet(command).length === 0) throw new RangeError('a transaction must touch a key');
    this.sequenceNumber++;
    this.command = amoCommand(command, this.address, this.sequenceNumber);
    this.attempt = 1;
    this.aborts = 0;
    this.result = undefined;
    if (this.config === undefined) this.queryShardMasters();
    else this.sendToHome();
    this.setRetryTimer();
  }

  hasResult(): boolean {
    return this.result !== undefined;
  }

  getResult(): TxnResult {
    if (this.result === undefined) throw new Error('no result yet');
    return this.result;
  }

  /** Configurations from the shard masters. */
  handlePaxosReply(message: PaxosReply, sender: Address): void {
    if (!this.shardMasters.includes(sender)) return;
    const config = message.result.result as unknown as ShardConfig | { kind: string };
    if (config.kind !== 'ShardConfig') return;
    const latest = config as ShardConfig;
    if (this.config !== undefined && latest.configNum <= this.config.configNum) return;
    this.config = latest;
    if (this.command !== undefined && this.result === undefined) this.sendToHome();
  }

  handleTxnReply(message: TxnReply, _sender: Address): void {
    if (
      this.result !== undefined ||
      message.sequenceNumber !== this.sequenceNumber ||
      message.attempt !== this.attempt
    )
      return;
    switch (message.outcome) {
      case 'committed':
        this.result = message.result;
        return;
      case 'aborted': {
        this.attempt++;
        this.aborts++;
        const doublings = Math.min(this.attempt - 2, TXN_BACKOFF_DOUBLINGS_MAX);
        this.set(
          { kind: 'TxnBackoffTimer', sequenceNumber: this.sequenceNumber, attempt: this.attempt },
          0,
          TXN_BACKOFF_MILLIS * 2 ** doublings,
        );
        this.setRetryTimer();
        return;
      }
      case 'wrong-group':
        this.queryShardMasters();
        return;
    }
  }

  onTxnBackoffTimer(timer: TxnBackoffTimer): void {
    if (this.current(timer)) this.sendToHome();
  }

  onTxnClientTimer(timer: TxnClientTimer): void {
    if (!this.current(timer)) return;
    this.queryShardMasters();
    this.sendToHome();
    this.set(timer, TXN_CLIENT_RETRY_MILLIS);
  }

  private current(timer: { sequenceNumber: number; attempt: number }): boolean {
    return (
      timer.sequenceNumber === this.sequenceNumber &&
      timer.attempt === this.attempt &&
      this.result === undefined
    );
  }

  private setRetryTimer(): void {
    this.set(
      { kind: 'TxnClientTimer', sequenceNumber: this.sequenceNumber, attempt: this.attempt },
      TXN_CLIENT_RETRY_MILLIS,
    );
  }

  private sendToHome(): void {
    const command = this.command;
    if (this.config === undefined || command === undefined) return;
    const first = keySet(command.command)[0];
    if (first === undefined) return;
    const owner = ownerOf(this.config, keyToShard(first, this.shardCount));
    const servers = owner === undefined ? undefined : this.config.groups.get(owner)?.servers;
    if (servers === undefined) return;
    const request: TxnRequest = { kind: 'TxnRequest', command, attempt: this.attempt };
    this.broadcast(request, servers);
  }

  private queryShardMasters(): void {
    this.masterSequenceNumber++;
    const command = amoCommand(query(LATEST_CONFIG), this.address, this.masterSequenceNumber);
    this.broadcast(shardMasterRequest(command), this.shardMasters);
  }
}
