import {
  type Address,
  amoCommand,
  type Client,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { NotPrimary, PBClientMessage, Reply, Request, ViewReply } from './messages.ts';
import { CLIENT_RETRY_MILLIS, type ClientTimer } from './timers.ts';
import type { View } from './view.ts';

/**
 * Sends each command, numbered, to the primary of the view it has cached. It asks the view
 * server for the view when it starts, when a server says it is not the primary, and when a reply
 * is 100 ms late (when it also resends): not once per command.
 */
export class PBClient
  extends Node
  implements Client, MessageHandlers<PBClientMessage>, TimerHandlers<ClientTimer>
{
  private view: View | null = null;
  private request: Request | undefined = undefined;
  private result: KVResult | undefined = undefined;
  private sequenceNumber = 0;

  constructor(
    address: Address,
    private readonly viewServer: Address,
  ) {
    super(address);
  }

  override init(): void {
    this.askForView();
  }

  // Client interface

  sendCommand(command: KVCommand): void {
    this.sequenceNumber++;
    this.request = {
      kind: 'Request',
      command: amoCommand(command, this.address, this.sequenceNumber),
    };
    this.result = undefined;
    this.sendToPrimary();
    this.set({ kind: 'ClientTimer', sequenceNumber: this.sequenceNumber }, CLIENT_RETRY_MILLIS);
  }

  hasResult(): boolean {
    return this.result !== undefined;
  }

  getResult(): KVResult {
    if (this.result === undefined) throw new Error('no result yet');
    return this.result;
  }

  // Message handlers

  handleViewReply(message: ViewReply): void {
    if (this.view !== null && message.view.viewNum <= this.view.viewNum) return;
    this.view = message.view;
    if (this.waiting()) this.sendToPrimary();
  }

  handleReply(message: Reply): void {
    if (this.waiting() && message.result.sequenceNumber === this.sequenceNumber)
      this.result = message.result.result;
  }

  handleNotPrimary(message: NotPrimary): void {
    if (this.waiting() && message.sequenceNumber === this.sequenceNumber) this.askForView();
  }

  // Timer handlers

  onClientTimer(timer: ClientTimer): void {
    if (timer.sequenceNumber !== this.sequenceNumber || !this.waiting()) return;
    this.sendToPrimary();
    this.askForView();
    this.set(timer, CLIENT_RETRY_MILLIS);
  }

  // Helpers

  private waiting(): boolean {
    return this.request !== undefined && this.result === undefined;
  }

  private askForView(): void {
    this.send({ kind: 'GetView' }, this.viewServer);
  }

  private sendToPrimary(): void {
    const primary = this.view?.primary ?? null;
    if (this.request !== undefined && primary !== null) this.send(this.request, primary);
  }
}
