import {
  type Address,
  amoCommand,
  type Client,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { Reply, Request } from './messages.ts';
import { CLIENT_RETRY_MILLIS, type ClientTimer } from './timers.ts';

/**
 * Sends one command at a time, numbered, and resends it every 100 ms until the reply with
 * the same number arrives. Replies to older commands are ignored.
 */
export class SimpleClient
  extends Node
  implements Client, MessageHandlers<Reply>, TimerHandlers<ClientTimer>
{
  private request: Request | undefined = undefined;
  private reply: Reply | undefined = undefined;
  private sequenceNumber = 0;

  constructor(
    address: Address,
    private readonly serverAddress: Address,
  ) {
    super(address);
  }

  // Client interface

  sendCommand(command: KVCommand): void {
    this.sequenceNumber++;
    this.request = {
      kind: 'Request',
      command: amoCommand(command, this.address, this.sequenceNumber),
    };
    this.reply = undefined;
    this.send(this.request, this.serverAddress);
    this.set({ kind: 'ClientTimer', request: this.request }, CLIENT_RETRY_MILLIS);
  }

  hasResult(): boolean {
    return this.reply !== undefined;
  }

  getResult(): KVResult {
    if (this.reply === undefined) throw new Error('no result yet');
    return this.reply.result.result;
  }

  // Message handlers

  handleReply(message: Reply): void {
    if (
      this.request !== undefined &&
      message.result.sequenceNumber === this.request.command.sequenceNumber
    )
      this.reply = message;
  }

  // Timer handlers

  onClientTimer(timer: ClientTimer): void {
    if (this.reply === undefined && timer.request.command.sequenceNumber === this.sequenceNumber) {
      this.send(timer.request, this.serverAddress);
      this.set(timer, CLIENT_RETRY_MILLIS);
    }
  }
}
