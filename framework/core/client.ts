import type { Command, Result } from './message.ts';
import type { Node } from './node.ts';

/**
 * A client node: it accepts one command at a time from its user (a client worker in
 * tests), and eventually has that command's result.
 *
 * @example
 * ```ts
 * export class PingClient extends Node implements Client {
 *   private pong: Pong | undefined;
 *   sendCommand(ping: Ping): void {
 *     this.send(ping, this.server);
 *   }
 *   hasResult(): boolean {
 *     return this.pong !== undefined;
 *   }
 *   getResult(): Pong {
 *     return this.pong as Pong;
 *   }
 * }
 * ```
 */
export interface Client {
  /** Starts a command; called from a handler context, so it may send and set timers. */
  sendCommand(command: Command): void;
  /** Whether the result of the latest command has arrived. */
  hasResult(): boolean;
  /** The result of the latest command; call only when {@link hasResult} is true. */
  getResult(): Result;
}

/**
 * A node that is also a {@link Client}: what a client worker drives.
 *
 * @example
 * ```ts
 * const client: ClientNode = new PingClient(address('client1'), server);
 * ```
 */
export type ClientNode = Node & Client;
