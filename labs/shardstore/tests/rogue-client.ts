import {
  type Address,
  amoCommand,
  type Client,
  type MessageHandlers,
  Node,
  type Result,
  type TimerHandlers,
} from '../../../framework/index.ts';
import type { KVCommand } from '../../kvstore/index.ts';
import type { PaxosReply } from '../../paxos/messages.ts';
import type { ShardStoreRequest } from '../messages.ts';
import { CLIENT_RETRY_MILLIS, type ShardStoreClientTimer } from '../timers.ts';

/**
 * A client that ignores the shard masters: it sends every command straight to one fixed
 * group, retrying until that group answers — as a client with a badly stale configuration
 * would. Used to check that a group refuses keys it does not own.
 */
export class RogueClient
  extends Node
  implements Client, MessageHandlers<PaxosReply>, TimerHandlers<ShardStoreClientTimer>
{
  private request: ShardStoreRequest | undefined = undefined;
  private result: Result | undefined = undefined;
  private sequenceNumber = 0;

  constructor(
    address: Address,
    private readonly group: readonly Address[],
  ) {
    super(address);
  }

  sendCommand(command: KVCommand): void {
    this.sequenceNumber++;
    this.request = {
      kind: 'ShardStoreRequest',
      command: amoCommand(command, this.address, this.sequenceNumber),
    };
    this.result = undefined;
    this.broadcast(this.request, this.group);
    this.set(
      { kind: 'ShardStoreClientTimer', sequenceNumber: this.sequenceNumber },
      CLIENT_RETRY_MILLIS,
    );
  }

  hasResult(): boolean {
    return this.result !== undefined;
  }

  getResult(): Result {
    if (this.result === undefined) throw new Error('no result yet');
    return this.result;
  }

  handlePaxosReply(message: PaxosReply): void {
    if (message.result.sequenceNumber === this.sequenceNumber) this.result = message.result.result;
  }

  onShardStoreClientTimer(timer: ShardStoreClientTimer): void {
    if (timer.sequenceNumber !== this.sequenceNumber || this.result !== undefined) return;
    if (this.request !== undefined) this.broadcast(this.request, this.group);
    this.set(timer, CLIENT_RETRY_MILLIS);
  }
}
