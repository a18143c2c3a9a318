import { cloneStateUnshared } from './clone.ts';
import { COPIED_FROM, type Node } from './node.ts';
import { sameState } from './same-state.ts';

/**
 * Copy-on-write copies of node states, for a handler to run on. A deep copy of a node costs
 * what the whole node holds (a Paxos server's log, its store), and most handlers in a search
 * read two fields and return (a stale message): a copy-on-write copy costs what the handler
 * touches. Each field is copied (deeply, as {@link cloneState} would) the first time the
 * handler reads it, or not at all if the handler only assigns it; {@link settle} then makes
 * the node state the handler left, whose untouched fields are the original's own values. The
 * original must not change afterwards, as interned node states never do; its untouched values
 * are shared with the result.
 *
 * The copy's fields are accessors on a prototype of its own (one per class and field list)
 * between the copy and the class: handler code reads and assigns them as ever, and
 * `instanceof` and methods are the class's. A field the handler adds is the copy's own and
 * is kept. Two differences from a deep copy, which is used instead where they could show:
 * - a copy is made only of a node whose mutable values (objects not frozen, Maps, Sets) are
 *   each reachable once ({@link copyableOnWrite}): a value shared by two fields, one copied
 *   and one not, would come apart;
 * - `Object.keys` of the copy itself lists only the fields the handler added (the engine finds
 *   sub-nodes through {@link COPIED_FROM}), and `delete` of a field is not seen: a node's
 *   fields are declared, and handlers assign them.
 */
const RECORD = Symbol('copy-on-write record');

interface CopyRecord {
  readonly original: Record<string, unknown>;
  readonly keys: readonly string[];
  /** Per field: the copy's value, once copied or assigned. */
  readonly values: unknown[];
  /** One bit per field (by index): set once the field is copied or assigned. */
  touched: number;
}

type CopyOnWriteNode = Node & { [RECORD]: CopyRecord; [COPIED_FROM]: Node };

interface Layer {
  readonly keys: readonly string[];
  readonly prototype: object;
}

/**
 * Fields of a node copied on write, at most: one bit each in an int32 (a larger node is
 * deep-copied).
 */
const FIELDS_MAX = 31;
/** Layers of one class: a class whose nodes have more field lists than this is deep-copied. */
const LAYERS_PER_CLASS_MAX = 16;
const layersByClass = new WeakMap<object, Layer[]>();

/**
 * A copy-on-write copy of `node`, whose own enumerable fields are `keys` in this order (an array
 * that never changes), or undefined where it cannot be made (more than 31 fields, or too many
 * field lists in its class): deep-copy it then. The node must be one {@link copyableOnWrite}
 * accepts: its fields are copied apart, each with no regard for the others.
 */
export function copyOnWrite(node: Node, keys: readonly string[]): Node | undefined {
  if (keys.length > FIELDS_MAX) return undefined;
  const layer = layerOf(Object.getPrototypeOf(node) as object, keys);
  if (layer === undefined) return undefined;
  // Its address is the layer's getter, not a property of its own: defining one per copy would
  // cost more than the rest of the copy.
  const copy = Object.create(layer) as CopyOnWriteNode;
  copy[RECORD] = {
    original: node as unknown as Record<string, unknown>,
    keys,
    values: new Array<unknown>(keys.length),
    touched: 0,
  };
  copy[COPIED_FROM] = node;
  return copy;
}

/**
 * The node state a handler left in `node`: for a copy-on-write copy, a plain node of its class
 * with the fields the handler touched and the original's values for the others; any other
 * node as it is.
 */
export function settle(node: Node): Node {
  const record = (node as Partial<CopyOnWriteNode>)[RECORD];
  if (record === undefined) return node;
  const result = Object.create(
    Object.getPrototypeOf(Object.getPrototypeOf(node) as object) as object,
  ) as Record<string, unknown>;
  Object.defineProperty(result, 'address', {
    value: node.address,
    enumerable: false,
    writable: false,
  });
  const { keys, values, touched, original } = record;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    result[key] = (touched & (1 << index)) !== 0 ? values[index] : original[key];
  }
  // Fields the handler added are the copy's own.
  for (const key of Object.keys(node))
    result[key] = (node as unknown as Record<string, unknown>)[key];
  return result as unknown as Node;
}

/**
 * Whether `node` is a copy-on-write copy of `original` that a handler left as it was: every
 * field it touched is {@link sameState} as the original's, and it added none. Most handlers in
 * a search change nothing (a stale message, a duplicate), and this tells so at the cost of the
 * fields they touched.
 */
export function unchangedCopyOf(node: Node, original: Node): boolean {
  const record = (node as Partial<CopyOnWriteNode>)[RECORD];
  if (record === undefined || record.original !== (original as unknown)) return false;
  const { keys, values, touched } = record;
  for (let index = 0; index < keys.length; index++) {
    if ((touched & (1 << index)) !== 0 && !sameState(values[index], record.original[keys[index]!]))
      return false;
  }
  return Object.keys(node).length === 0;
}

/**
 * Whether a node may be copied on write: no mutable value in it (an object not frozen, a Map,
 * a Set) is reachable twice, so that copying its fields apart keeps every sharing it has.
 */
export function copyableOnWrite(node: Node): boolean {
  const seen = new Set<object>();
  for (const key of Object.keys(node)) {
    if (!reachedOnce((node as unknown as Record<string, unknown>)[key], seen, 0)) return false;
  }
  return true;
}

/** Deeper than this, a node is deep-copied (the encoding refuses such nesting anyway). */
const DEPTH_MAX = 1000;

function reachedOnce(value: unknown, seen: Set<object>, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const mutable = !Object.isFrozen(value) || value instanceof Map || value instanceof Set;
  // Frozen values are shared by every copy, and need not be walked unless they hold mutable ones.
  if (mutable) {
    if (seen.has(value) || depth >= DEPTH_MAX) return false;
    seen.add(value);
  } else if (depth >= DEPTH_MAX) return false;
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      if (!reachedOnce(key, seen, depth + 1) || !reachedOnce(entry, seen, depth + 1)) return false;
    }
    return true;
  }
  if (value instanceof Set) {
    for (const entry of value) if (!reachedOnce(entry, seen, depth + 1)) return false;
    return true;
  }
  if (Array.isArray(value)) {
    for (const entry of value) if (!reachedOnce(entry, seen, depth + 1)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    if (!reachedOnce((value as Record<string, unknown>)[key], seen, depth + 1)) return false;
  }
  return true;
}

function layerOf(prototype: object, keys: readonly string[]): object | undefined {
  let layers = layersByClass.get(prototype);
  if (layers === undefined) layersByClass.set(prototype, (layers = []));
  for (const layer of layers) if (layer.keys === keys) return layer.prototype;
  for (const layer of layers) if (sameKeys(layer.keys, keys)) return layer.prototype;
  if (layers.length >= LAYERS_PER_CLASS_MAX) return undefined;
  const layer = Object.create(prototype) as object;
  Object.defineProperty(layer, 'address', {
    get(this: CopyOnWriteNode): string {
      return this[RECORD].original.address as string;
    },
    enumerable: false,
    configurable: false,
  });
  keys.forEach((key, index) => {
    Object.defineProperty(layer, key, {
      get(this: CopyOnWriteNode): unknown {
        const record = this[RECORD];
        return (record.touched & (1 << index)) !== 0
          ? record.values[index]
          : copyField(record, index);
      },
      set(this: CopyOnWriteNode, value: unknown): void {
        const record = this[RECORD];
        record.values[index] = value;
        record.touched |= 1 << index;
      },
      enumerable: true,
      configurable: true,
    });
  });
  layers.push({ keys, prototype: layer });
  return layer;
}

function copyField(record: CopyRecord, index: number): unknown {
  const value = record.original[record.keys[index]!];
  // No mutable value is reachable twice in a node copied on write: no sharing to keep.
  const copied = typeof value === 'object' && value !== null ? cloneStateUnshared(value) : value;
  record.values[index] = copied;
  record.touched |= 1 << index;
  return copied;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
