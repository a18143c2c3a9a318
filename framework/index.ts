/**
 * `tslabs`: the node author's API. Everything a server or a client of a lab is written
 * with: addresses, messages and timers, the {@link Node} base class and its handler types,
 * applications and the at-most-once wrapper, clients.
 *
 * Tests, searches and checks are in `tslabs/testing`; the model checker's generic engine in
 * `tslabs/engine`; the history checkers in `tslabs/lincheck`.
 *
 * @packageDocumentation
 */
export {
  address,
  addresses,
  rootAddress,
  subAddress,
  InvalidAddressError,
  type Address,
} from './core/address.ts';
export type { Command, Message, Result, Timer } from './core/message.ts';
export { Node, type MessageHandlers, type NodeClass, type TimerHandlers } from './core/node.ts';
export { registerStateClass, type StateClass } from './core/state-classes.ts';
export { mutableCopy } from './core/clone.ts';
export type { Application } from './core/application.ts';
export {
  AMOApplication,
  amoCommand,
  type AMOCommand,
  type AMOResult,
} from './core/amo-application.ts';
export type { Client, ClientNode } from './core/client.ts';
