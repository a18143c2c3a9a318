import type { Command, Result } from './message.ts';
import type { Node } from './node.ts';

/**
 * A client node: it accepts one command at a time from its user (a client worker in
 * tests), and eventually has that command's result.
 */
export interface Client {
  /** Starts a command; called from a handler context, so it may send and set timers. */
  sendCommand(command: Command): void;
  /** Whether the result of the latest command has arrived. */
  hasResult(): boolean;
  /** The result of the latest command; call only when {@link hasResult} is true. */
  getResult(): Result;
}

/** A node that is also a {@link Client}. */
export type ClientNode = Node & Client;
