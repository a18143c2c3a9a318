import {
  type Address,
  AMOApplication,
  type AMOCommand,
  type AMOResult,
  type MessageHandlers,
  Node,
} from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../../labs/kvstore/index.ts';
import type { Request } from '../../labs/clientserver/messages.ts';
import { SimpleClient } from '../../labs/clientserver/simple-client.ts';
import {
  referenceImplementation,
  type ClientServerImplementation,
} from '../../labs/clientserver/implementation.ts';

/** Executes every request it receives, so a retransmitted append is applied twice. */
export class NoDuplicateSuppressionServer extends Node implements MessageHandlers<Request> {
  private readonly store = new KVStore();

  handleRequest(message: Request, sender: Address): void {
    const result: AMOResult<KVResult> = {
      kind: 'AMOResult',
      result: this.store.execute(message.command.command),
      sequenceNumber: message.command.sequenceNumber,
    };
    this.send({ kind: 'Reply', result }, sender);
  }
}

/**
 * Remembers each client's last result, but treats the command right after it as a repeat
 * (an off-by-one in its duplicate check), so a client's next command is answered with the
 * previous command's stale result.
 */
export class StaleResultServer extends Node implements MessageHandlers<Request> {
  private readonly application = new AMOApplication<KVCommand, KVResult>(new KVStore());
  private readonly lastResults = new Map<Address, AMOResult<KVResult>>();

  handleRequest(message: Request, sender: Address): void {
    const command: AMOCommand<KVCommand> = message.command;
    const last = this.lastResults.get(command.client);
    if (
      last !== undefined &&
      command.sequenceNumber <= last.sequenceNumber + 1 &&
      command.sequenceNumber > 1 &&
      last.sequenceNumber > 0
    ) {
      this.send(
        { kind: 'Reply', result: { ...last, sequenceNumber: command.sequenceNumber } },
        sender,
      );
      this.lastResults.set(command.client, { ...last, sequenceNumber: command.sequenceNumber });
      return;
    }
    const result = this.application.execute(command);
    if (result === undefined) return;
    this.lastResults.set(command.client, result);
    this.send({ kind: 'Reply', result }, sender);
  }
}

function withServer(server: (address: Address) => Node): ClientServerImplementation {
  return { server, client: (address, serverAddress) => new SimpleClient(address, serverAddress) };
}

export const noDuplicateSuppression = withServer(
  (address) => new NoDuplicateSuppressionServer(address),
);
export const staleResults = withServer((address) => new StaleResultServer(address));

/**
 * A client that sends each command once and never again: a lost request or reply leaves it waiting
 * forever.
 */
export class NonRetryingClient extends SimpleClient {
  override onClientTimer(): void {
    // BUG: no retransmission.
  }
}

export const nonRetrying: ClientServerImplementation = {
  server: (address) => referenceImplementation.server(address),
  client: (address, serverAddress) => new NonRetryingClient(address, serverAddress),
};
