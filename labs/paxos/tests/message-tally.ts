import {
  type Address,
  type ClientNode,
  type Message,
  Node,
  type Timer,
} from '../../../framework/index.ts';
import { ClientWorker, type Workload } from '../../../framework/testing.ts';
import type { PaxosRun } from './setup.ts';

/** How many messages were delivered to the nodes that report to it. */
export interface MessageTally {
  delivered: number;
}

/** Keeps the tally off the node's enumerable fields: it is not state. */
function attachTally(node: Node, tally: MessageTally): void {
  Object.defineProperty(node, 'tally', { value: tally, enumerable: false, writable: false });
}

function tallyOf(node: Node): MessageTally {
  return (node as unknown as { tally: MessageTally }).tally;
}

/**
 * A server with a counter in front: every message for it passes through here first (it
 * has the server's address), then goes to the server's own handler.
 */
class CountedServer extends Node {
  constructor(
    readonly server: Node,
    tally: MessageTally,
  ) {
    super(server.address);
    attachTally(this, tally);
  }

  override init(): void {
    this.server.init();
  }

  override receiveMessage(destination: Address, message: Message, sender: Address): void {
    tallyOf(this).delivered++;
    this.server.receiveMessage(destination, message, sender);
  }

  override receiveTimer(destination: Address, timer: Timer): void {
    this.server.receiveTimer(destination, timer);
  }
}

/** A client worker that counts the messages delivered to its client. */
class CountedClientWorker extends ClientWorker {
  constructor(client: ClientNode, workload: Workload, seed: number, tally: MessageTally) {
    super(client, workload, seed);
    attachTally(this, tally);
  }

  override receiveMessage(destination: Address, message: Message, sender: Address): void {
    tallyOf(this).delivered++;
    super.receiveMessage(destination, message, sender);
  }
}

/** Adds a server whose deliveries are counted. */
export function addCountedServer(
  run: PaxosRun,
  address: Address,
  build: () => Node,
  tally: MessageTally,
): void {
  run.simulation.addNode(address, () => new CountedServer(build(), tally));
}

/** Adds a client worker whose deliveries are counted. */
export function addCountedClient(
  run: PaxosRun,
  address: Address,
  build: () => ClientNode,
  workload: Workload,
  tally: MessageTally,
): void {
  run.simulation.addNode(
    address,
    () => new CountedClientWorker(build(), workload, run.simulation.seed, tally),
  );
}
