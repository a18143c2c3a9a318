import { type Address, type MessageHandlers, Node } from '../../framework/index.ts';
import type { PingRequest } from './messages.ts';
import { PingApplication } from './ping-application.ts';

/** Answers each ping, including repeats: answering twice is harmless here. */
export class PingServer extends Node implements MessageHandlers<PingRequest> {
  private readonly application = new PingApplication();

  handlePingRequest(message: PingRequest, sender: Address): void {
    this.send({ kind: 'PongReply', pong: this.application.execute(message.ping) }, sender);
  }
}
