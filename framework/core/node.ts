import { rootAddress, type Address } from './address.ts';
import { currentEffects } from './effects.ts';
import { deepFreeze, type Message, type Timer } from './message.ts';

const MICROS_PER_MS = 1000;

/**
 * A node: a server, a client, or a sub-node inside one. Its own enumerable fields are its
 * state. `init()` runs once when the node starts; afterwards each handler receives one
 * message or one timer and runs to completion. Handlers are found by the kind tag:
 * a message of kind `Ping` goes to `handlePing(message, sender)`, a timer of kind
 * `RetryTimer` to `onRetryTimer(timer)`. Use {@link MessageHandlers} and
 * {@link TimerHandlers} in an `implements` clause to have the compiler check them.
 *
 * State is plain data: numbers, strings, booleans, null, arrays, plain objects, Maps, Sets
 * and registered state classes. Two states are the same exactly when their canonical
 * encodings are, and in the encoding:
 * - Maps and Sets are canonical: the same entries added in another order are the same state,
 *   so keep a collection whose order does not matter in a Map or a Set and never sort it (an
 *   array's order is part of its value). A search may hand a handler either order of two
 *   such states, so what a handler does must not depend on the order it iterates them in;
 * - object fields are canonical in any order;
 * - values need no freezing: each event of a search runs on its own copy of the node, and
 *   what a handler sends is frozen by `send`. Freezing changes nothing but speed (a frozen
 *   value is shared between copies instead of copied), so do not freeze for correctness.
 *
 * @example
 * ```ts
 * export class PingServer extends Node implements MessageHandlers<Ping> {
 *   handlePing(ping: Ping, sender: Address): void {
 *     this.send({ kind: 'Pong', value: ping.value }, sender);
 *   }
 * }
 * ```
 */
export abstract class Node {
  /** Not part of state: fixed for the node's life and kept out of its encoding. */
  declare readonly address: Address;

  constructor(address: Address) {
    Object.defineProperty(this, 'address', { value: address, enumerable: false, writable: false });
  }

  /** Runs once when the node starts (and again after a restart). */
  init(): void {}

  /**
   * Entry point of the engines for a message to this root node or one of its sub-nodes.
   * Wrappers (the client worker) override it to act after the handler.
   */
  receiveMessage(destination: Address, message: Message, sender: Address): void {
    dispatchMessage(this, destination, message, sender);
  }

  /** Entry point of the engines for a timer of this root node or one of its sub-nodes. */
  receiveTimer(destination: Address, timer: Timer): void {
    dispatchTimer(this, destination, timer);
  }

  /** Sends a message; it is delivered (or not) after the handler returns. */
  protected send<M extends Message>(message: M, to: Address): void {
    currentEffects().send(this.address, to, deepFreeze(message));
  }

  /** Sends one message to each address in turn. */
  protected broadcast<M extends Message>(message: M, to: Iterable<Address>): void {
    const frozen = deepFreeze(message);
    const effects = currentEffects();
    for (const destination of to) effects.send(this.address, destination, frozen);
  }

  /** Sets a timer that fires once, between `minMs` and `maxMs` (default `minMs`) from now. */
  protected set<T extends Timer>(timer: T, minMs: number, maxMs: number = minMs): void {
    if (!(minMs >= 0 && maxMs >= minMs && Number.isFinite(maxMs))) {
      throw new RangeError(`timer ${timer.kind}: invalid duration range [${minMs}, ${maxMs}] ms`);
    }
    currentEffects().setTimer(
      this.address,
      deepFreeze(timer),
      Math.round(minMs * MICROS_PER_MS),
      Math.round(maxMs * MICROS_PER_MS),
    );
  }
}

/**
 * The declaration of which fields survive a crash, as a static property of the node class;
 * after a restart the node is rebuilt with these fields only.
 *
 * @example
 * ```ts
 * export class PaxosServer extends Node {
 *   static readonly persistentFields = ['log', 'ballot'] as const;
 * }
 * ```
 */
export interface NodeClass {
  readonly persistentFields?: readonly string[];
}

/**
 * Handler methods for every kind of a message union `M`: `handleKind(message, sender)`.
 *
 * @example
 * ```ts
 * class Server extends Node implements MessageHandlers<Request> {
 *   handleRequest(request: Request, sender: Address): void {}
 * }
 * ```
 */
export type MessageHandlers<M extends Message> = {
  [K in M['kind'] as `handle${K}`]: (message: Extract<M, { kind: K }>, sender: Address) => void;
};

/**
 * Handler methods for every kind of a timer union `T`: `onKind(timer)`.
 *
 * @example
 * ```ts
 * class Client extends Node implements TimerHandlers<ClientTimer> {
 *   onClientTimer(timer: ClientTimer): void {}
 * }
 * ```
 */
export type TimerHandlers<T extends Timer> = {
  [K in T['kind'] as `on${K}`]: (timer: Extract<T, { kind: K }>) => void;
};

/** Thrown when a node receives a message or timer it has no handler for. */
export class MissingHandlerError extends Error {
  override readonly name = 'MissingHandlerError';
}

type Handler = (this: Node, event: Message | Timer, sender?: Address) => void;

/**
 * The node that owns `destination` within the root node `root`: the root itself or one of
 * its sub-nodes, found among its fields (so it is found in a copy of the root as well).
 */
export function findNode(root: Node, destination: Address): Node | undefined {
  if (root.address === destination) return root;
  if (rootAddress(destination) !== root.address) return undefined;
  return findSubNode(root, destination, 0);
}

const SUB_NODE_SEARCH_DEPTH_MAX = 8;

/**
 * On a copy-on-write copy of a node (see copy-on-write.ts), the node it copies. Until a handler
 * runs, its fields hold what the copy's do, and they can be read without copying them.
 */
export const COPIED_FROM = Symbol('copied from');

function findSubNode(parent: Node, destination: Address, depth: number): Node | undefined {
  if (depth >= SUB_NODE_SEARCH_DEPTH_MAX) return undefined;
  // Looked for in the original, so that the copy copies only the sub-node's field.
  const original = (parent as { [COPIED_FROM]?: Node })[COPIED_FROM] ?? parent;
  for (const key of Object.keys(original)) {
    const field = (original as unknown as Record<string, unknown>)[key];
    if (field instanceof Node) {
      const own =
        original === parent ? field : ((parent as unknown as Record<string, unknown>)[key] as Node);
      if (field.address === destination) return own;
      if (destination.startsWith(`${field.address}/`))
        return findSubNode(own, destination, depth + 1);
    }
  }
  return undefined;
}

/**
 * Handler names by kind, built once: a name built per event is a fresh string that the
 * engine must hash before every property lookup, a measurable share of a run's time.
 */
const MESSAGE_HANDLER_NAMES = new Map<string, string>();
const TIMER_HANDLER_NAMES = new Map<string, string>();

function handlerName(names: Map<string, string>, prefix: string, kind: string): string {
  let name = names.get(kind);
  if (name === undefined) {
    name = prefix + kind;
    names.set(kind, name);
  }
  return name;
}

/** The name of the method that handles a message of `kind`: `handlePing`. */
export function messageHandlerName(kind: string): string {
  return handlerName(MESSAGE_HANDLER_NAMES, 'handle', kind);
}

/** The name of the method that handles a timer of `kind`: `onRetryTimer`. */
export function timerHandlerName(kind: string): string {
  return handlerName(TIMER_HANDLER_NAMES, 'on', kind);
}

/** Invokes `handle${kind}` of the node at `destination` (inside `root`) for a message. */
export function dispatchMessage(
  root: Node,
  destination: Address,
  message: Message,
  sender: Address,
): void {
  const node = findNode(root, destination);
  if (node === undefined)
    throw new MissingHandlerError(`${root.address} has no sub-node ${destination}`);
  const handler = (node as unknown as Record<string, Handler | undefined>)[
    messageHandlerName(message.kind)
  ];
  if (typeof handler !== 'function') {
    throw new MissingHandlerError(
      `${destination} has no handler handle${message.kind}(message, sender)`,
    );
  }
  handler.call(node, message, sender);
}

/** Invokes `on${kind}` of the node at `destination` (inside `root`) for a timer. */
export function dispatchTimer(root: Node, destination: Address, timer: Timer): void {
  const node = findNode(root, destination);
  if (node === undefined)
    throw new MissingHandlerError(`${root.address} has no sub-node ${destination}`);
  const handler = (node as unknown as Record<string, Handler | undefined>)[
    timerHandlerName(timer.kind)
  ];
  if (typeof handler !== 'function') {
    throw new MissingHandlerError(`${destination} has no handler on${timer.kind}(timer)`);
  }
  handler.call(node, timer);
}

/** The persistent field names declared by a node's class. */
export function persistentFields(node: Node): readonly string[] {
  return (node.constructor as NodeClass).persistentFields ?? [];
}
