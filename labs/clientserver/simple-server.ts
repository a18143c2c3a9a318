import { type Address, AMOApplication, type MessageHandlers, Node } from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../kvstore/index.ts';
import type { Request } from './messages.ts';

/**
 * Executes each client command exactly once. A retransmitted request gets the stored
 * result again; a request older than its client's latest is ignored, because that client
 * has already received the answer and moved on.
 */
export class SimpleServer extends Node implements MessageHandlers<Request> {
  private readonly application = new AMOApplication<KVCommand, KVResult>(new KVStore());

  handleRequest(message: Request, sender: Address): void {
    const result = this.application.execute(message.command);
    if (result !== undefined) this.send({ kind: 'Reply', result }, sender);
  }
}
