import { Node, persistentFields } from './node.ts';
import { stateClassName } from './state-classes.ts';

/**
 * Deep copies of node state, so that each event of a search can run on its own copy of the
 * receiving node. Frozen values (sent messages, timers, commands) are immutable and shared,
 * not copied; objects reachable twice stay shared in the copy.
 */
export class CloneError extends Error {
  override readonly name = 'CloneError';
}

/** A deep copy of a node (or any state value), keeping the prototypes of class instances. */
export function cloneState<T>(value: T): T {
  return copy(value, new Map(), false) as T;
}

/**
 * Carries what a crash does not lose — the fields its class names in `persistentFields`, as
 * if on disk — from the crashed node to the fresh one that replaces it, each field copied so
 * that the two share nothing. A sub-node (a Paxos or Raft module inside a shard server)
 * shares its parent's disk: whether or not the field that holds it is persistent, it keeps its
 * own class's persistent fields and loses the rest (a leader's role, the flags of timers the
 * crash cancelled), as a node of its class on its own would.
 */
export function keepPersistentFields(crashed: Node, fresh: Node): void {
  const persistent = persistentFields(fresh);
  for (const field of new Set([...persistent, ...Object.keys(fresh)])) {
    const kept: unknown = Reflect.get(crashed, field);
    const replacement: unknown = Reflect.get(fresh, field);
    if (kept instanceof Node && replacement instanceof Node && kept.address === replacement.address)
      keepPersistentFields(kept, replacement);
    else if (persistent.includes(field)) Reflect.set(fresh, field, cloneState(kept));
  }
}

/**
 * A deep copy of a value in which no mutable object is reachable twice (the fields of a node
 * that {@link copyableOnWrite} accepts): with no sharing to keep, it skips the map of copies
 * made, which costs two lookups per object copied. See copy-on-write.ts.
 */
export function cloneStateUnshared<T>(value: T): T {
  return copy(value, undefined, false) as T;
}

/**
 * A deep copy that copies frozen values too, and is not frozen itself. A node's state that goes
 * into a message must be copied (sending freezes the message, which must not freeze the node's
 * own state), and state that arrives in one must be copied again before the node changes it:
 * the message stays in the network, frozen and shared.
 *
 * @example
 * ```ts
 * this.send({ kind: 'StateTransfer', application: mutableCopy(this.application) }, backup);
 * // and on the backup:
 * this.application = mutableCopy(message.application);
 * ```
 */
export function mutableCopy<T>(value: T): T {
  return copy(value, new Map(), true) as T;
}

function copy(
  value: unknown,
  copies: Map<object, unknown> | undefined,
  copyFrozen: boolean,
): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function')
      throw new CloneError('functions are not state and cannot be copied');
    return value;
  }
  // Freezing stops changes to fields, not Map.set or Set.add: frozen Maps and Sets are still
  // copied.
  if (!copyFrozen && Object.isFrozen(value) && !(value instanceof Map) && !(value instanceof Set))
    return value;
  const existing = copies?.get(value);
  if (existing !== undefined) return existing;
  if (Array.isArray(value)) {
    const result: unknown[] = new Array<unknown>(value.length);
    copies?.set(value, result);
    for (let i = 0; i < value.length; i++) result[i] = copy(value[i], copies, copyFrozen);
    return result;
  }
  if (value instanceof Map) {
    const result = new Map<unknown, unknown>();
    copies?.set(value, result);
    for (const [key, entry] of value)
      result.set(copy(key, copies, copyFrozen), copy(entry, copies, copyFrozen));
    return result;
  }
  if (value instanceof Set) {
    const result = new Set<unknown>();
    copies?.set(value, result);
    for (const entry of value) result.add(copy(entry, copies, copyFrozen));
    return result;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  const isPlain = prototype === Object.prototype || prototype === null;
  if (!isPlain && !(value instanceof Node) && stateClassName(value) === undefined) {
    const shown = (value.constructor as { name?: string } | undefined)?.name ?? 'anonymous';
    throw new CloneError(
      `instances of class ${shown} are not registered state (call registerStateClass)`,
    );
  }
  const result = Object.create(prototype) as Record<string, unknown>;
  copies?.set(value, result);
  if (value instanceof Node)
    Object.defineProperty(result, 'address', {
      value: value.address,
      enumerable: false,
      writable: false,
    });
  for (const key of Object.keys(value))
    result[key] = copy((value as Record<string, unknown>)[key], copies, copyFrozen);
  return result;
}
