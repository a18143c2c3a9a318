import {
  type Address,
  amoCommand,
  type Client,
  type Command,
  type MessageHandlers,
  Node,
  type Result,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { PaxosReply, PaxosRequest } from './messages.ts';
import { CLIENT_RETRY_MILLIS, type ClientTimer } from './timers.ts';

/**
 * Sends each command, numbered, to every server — it does not know which one leads — and
 * sends it again to all of them every 100 ms until a reply with the same number arrives.
 * Generic, like the server, in the replicated application's commands `C` and results `R`
 * (by default the key-value store's).
 */
export class PaxosClient<C extends Command = KVCommand, R extends Result = KVResult>
  extends Node
  implements Client, MessageHandlers<PaxosReply<R>>, TimerHandlers<ClientTimer>
{
  private request: PaxosRequest<C> | undefined = undefined;
  private result: R | undefined = undefined;
  private sequenceNumber = 0;

  constructor(
    address: Address,
    private readonly servers: readonly Address[],
  ) {
    super(address);
  }

  // Client interface

  sendCommand(command: C): void {
    this.sequenceNumber++;
    this.request = {
      kind: 'PaxosRequest',
      command: amoCommand(command, this.address, this.sequenceNumber),
    };
    this.result = undefined;
    this.broadcast(this.request, this.servers);
    this.set({ kind: 'ClientTimer', sequenceNumber: this.sequenceNumber }, CLIENT_RETRY_MILLIS);
  }

  hasResult(): boolean {
    return this.result !== undefined;
  }

  getResult(): R {
    if (this.result === undefined) throw new Error('no result yet');
    return this.result;
  }

  // Message handlers

  handlePaxosReply(message: PaxosReply<R>): void {
    if (this.request !== undefined && message.result.sequenceNumber === this.sequenceNumber)
      this.result = message.result.result;
  }

  // Timer handlers

  onClientTimer(timer: ClientTimer): void {
    if (
      timer.sequenceNumber !== this.sequenceNumber ||
      this.result !== undefined ||
      this.request === undefined
    )
      return;
    this.broadcast(this.request, this.servers);
    this.set(timer, CLIENT_RETRY_MILLIS);
  }
}
