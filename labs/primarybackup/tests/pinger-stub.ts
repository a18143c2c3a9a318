import {
  type Address,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../../framework/index.ts';
import type { ViewReply } from '../messages.ts';
import { PING_MILLIS, type PingTimer } from '../timers.ts';

/**
 * A stand-in for a server in the view server's unit tests: it pings with one fixed view number,
 * from its start and every ping interval, and does nothing else. A test changes what a server
 * says by replacing its stub, and kills it by removing it.
 */
export class PingerStub
  extends Node
  implements MessageHandlers<ViewReply>, TimerHandlers<PingTimer>
{
  constructor(
    address: Address,
    private readonly viewServer: Address,
    private readonly viewNum: number,
  ) {
    super(address);
  }

  override init(): void {
    this.send({ kind: 'Ping', viewNum: this.viewNum }, this.viewServer);
    this.set({ kind: 'PingTimer' }, PING_MILLIS);
  }

  handleViewReply(): void {}

  onPingTimer(timer: PingTimer): void {
    this.send({ kind: 'Ping', viewNum: this.viewNum }, this.viewServer);
    this.set(timer, PING_MILLIS);
  }
}
