import {
  type Address,
  amoCommand,
  type Client,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { RaftReply, RaftRequest } from './messages.ts';
import { CLIENT_RETRY_MILLIS, type ClientTimer } from './timers.ts';

/**
 * Sends each command, numbered, to the server that answered its last one (the leader then), or
 * to every server while it knows no leader; a retry, every 100 ms without a reply, goes to every
 * server, since the leader may have changed.
 */
export class RaftClient
  extends Node
  implements Client, MessageHandlers<RaftReply>, TimerHandlers<ClientTimer>
{
  private request: RaftRequest | undefined = undefined;
  private result: KVResult | undefined = undefined;
  private sequenceNumber = 0;
  private leader: Address | null = null;

  constructor(
    address: Address,
    private readonly servers: readonly Address[],
  ) {
    super(address);
  }

  sendCommand(command: KVCommand): void {
    this.sequenceNumber++;
    this.request = {
      kind: 'RaftRequest',
      command: amoCommand(command, this.address, this.sequenceNumber),
    };
    this.result = undefined;
    if (this.leader === null) this.broadcast(this.request, this.servers);
    else this.send(this.request, this.leader);
    this.set({ kind: 'ClientTimer', sequenceNumber: this.sequenceNumber }, CLIENT_RETRY_MILLIS);
  }

  hasResult(): boolean {
    return this.result !== undefined;
  }

  getResult(): KVResult {
    if (this.result === undefined) throw new Error('no result yet');
    return this.result;
  }

  handleRaftReply(message: RaftReply): void {
    if (this.request === undefined || message.result.sequenceNumber !== this.sequenceNumber) return;
    this.result = message.result.result;
    this.leader = message.leader;
  }

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
