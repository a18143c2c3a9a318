import {
  type Address,
  type Client,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { PongReply } from './messages.ts';
import type { Ping, Pong } from './ping-application.ts';
import { PING_RETRY_MILLIS, type PingTimer } from './timers.ts';

/**
 * Sends one ping at a time and resends it until the matching pong arrives. Pongs for an
 * older ping (delayed duplicates) are ignored.
 */
export class PingClient
  extends Node
  implements Client, MessageHandlers<PongReply>, TimerHandlers<PingTimer>
{
  private ping: Ping | undefined = undefined;
  private pong: Pong | undefined = undefined;

  constructor(
    address: Address,
    private readonly serverAddress: Address,
  ) {
    super(address);
  }

  // Client interface

  sendCommand(command: Ping): void {
    this.ping = command;
    this.pong = undefined;
    this.send({ kind: 'PingRequest', ping: command }, this.serverAddress);
    this.set({ kind: 'PingTimer', ping: command }, PING_RETRY_MILLIS);
  }

  hasResult(): boolean {
    return this.pong !== undefined;
  }

  getResult(): Pong {
    if (this.pong === undefined) throw new Error('no result yet');
    return this.pong;
  }

  // Message handlers

  handlePongReply(message: PongReply): void {
    if (this.ping !== undefined && message.pong.value === this.ping.value) this.pong = message.pong;
  }

  // Timer handlers

  onPingTimer(timer: PingTimer): void {
    if (this.ping?.value === timer.ping.value && this.pong === undefined) {
      this.send({ kind: 'PingRequest', ping: timer.ping }, this.serverAddress);
      this.set(timer, PING_RETRY_MILLIS);
    }
  }
}
