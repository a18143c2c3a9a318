import { Node } from './node.ts';
import { stateClassName } from './state-classes.ts';

/**
 * The canonical encoding of state: two values are the same state exactly when their
 * encodings are equal. It is independent of Map/Set insertion order and of object key
 * order, and it refuses what it cannot encode faithfully — functions, symbols, cycles and
 * instances of unregistered classes — with an error that names the path to the value.
 */
export class EncodingError extends Error {
  override readonly name = 'EncodingError';
  constructor(
    readonly reason: string,
    readonly path: readonly string[],
  ) {
    super(`cannot encode ${path.length === 0 ? 'value' : path.join('')}: ${reason}`);
  }

  /** The same error with `step` prepended to its path (used while unwinding). */
  within(step: string): EncodingError {
    return new EncodingError(this.reason, [step, ...this.path]);
  }
}

const DEPTH_MAX = 1000;

/** Encodes a value canonically as a string. `label` names the value in error messages. */
export function encode(value: unknown, label?: string): string {
  try {
    return encodeValue(value, new Set(), 0);
  } catch (error) {
    if (error instanceof EncodingError && label !== undefined) throw error.within(label);
    throw error;
  }
}

/**
 * Encodes the value of one field of a node, exactly as it appears inside the node's
 * encoding (after `key=`), so that a node's encoding can be put together from its fields'.
 * On an error, encode the whole node for a message that names the path.
 */
export function encodeFieldValue(value: unknown): string {
  const outer = frozenCacheWrites;
  frozenCacheWrites = true;
  try {
    return encodeValue(value, new Set(), 1);
  } finally {
    frozenCacheWrites = outer;
  }
}

/** Encodes a node's state: its own enumerable fields (its address is not state). */
export function encodeNode(node: Node): string {
  return encode(node, node.address);
}

/** The size in UTF-8 bytes of a value's canonical encoding. */
export function encodedSizeBytes(value: unknown, label?: string): number {
  const text = encode(value, label);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // a lone surrogate is written as U+FFFD, 3 bytes, like TextEncoder does
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function encodeValue(value: unknown, ancestors: Set<object>, depth: number): string {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
      return `d${Object.is(value, -0) ? 0 : value};`;
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${value};`;
    case 'function':
      throw new EncodingError('functions are not state', []);
    case 'symbol':
      throw new EncodingError('symbols are not state', []);
    case 'object':
      if (value === null) return 'n';
      return encodeObject(value, ancestors, depth);
  }
}

/**
 * Encodings of deeply frozen values (messages, log entries, ballots, commands), by identity.
 * Node copies share their frozen values (see clone.ts), so a log's entries, say, are
 * encoded once, not again in every state that holds them. Only values whose every part is
 * frozen are kept: their encoding cannot change.
 */
const frozenEncodings = new WeakMap<object, FrozenEncoding>();

interface FrozenEncoding {
  readonly text: string;
  /** How deep the value nests: the cached text stands only where the value fits under DEPTH_MAX. */
  readonly height: number;
}

// Set while encoding: whether a part not deeply frozen was met, and the deepest depth reached.
let mutableMet = false;
let deepestDepth = 0;
/**
 * Whether encodings of frozen values are added to the cache: only while encoding node
 * state, whose frozen parts live as long as the state and recur in its successors. A sent
 * message is encoded once and mostly dropped at once (its envelope was known): caching it
 * and its fresh parts would only churn the weak map, which the collector pays for.
 */
let frozenCacheWrites = false;

function encodeObject(value: object, ancestors: Set<object>, depth: number): string {
  // Freezing stops changes to fields, not Map.set or Set.add: frozen Maps and Sets are not
  // immutable.
  const frozen = Object.isFrozen(value) && !(value instanceof Map) && !(value instanceof Set);
  if (frozen) {
    const cached = frozenEncodings.get(value);
    if (cached !== undefined && depth + cached.height < DEPTH_MAX) {
      if (depth + cached.height > deepestDepth) deepestDepth = depth + cached.height;
      return cached.text;
    }
  }
  const outerMutableMet = mutableMet;
  const outerDeepestDepth = deepestDepth;
  mutableMet = false;
  deepestDepth = depth;
  let text: string;
  try {
    text = encodeObjectAnew(value, ancestors, depth);
  } catch (error) {
    mutableMet = true;
    deepestDepth = Math.max(outerDeepestDepth, deepestDepth);
    throw error;
  }
  const deeplyFrozen = frozen && !mutableMet;
  if (deeplyFrozen && frozenCacheWrites)
    frozenEncodings.set(value, { text, height: deepestDepth - depth });
  mutableMet = outerMutableMet || !deeplyFrozen;
  deepestDepth = Math.max(outerDeepestDepth, deepestDepth);
  return text;
}

function encodeObjectAnew(value: object, ancestors: Set<object>, depth: number): string {
  if (ancestors.has(value))
    throw new EncodingError('it contains a cycle (the value refers back to itself)', []);
  if (depth >= DEPTH_MAX) throw new EncodingError(`nesting is deeper than ${DEPTH_MAX}`, []);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return encodeArray(value, ancestors, depth);
    if (value instanceof Map) return encodeMap(value, ancestors, depth);
    if (value instanceof Set) return encodeSet(value, ancestors, depth);
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype === Object.prototype || prototype === null)
      return `{${encodeFields(value, ancestors, depth)}}`;
    // Length-prefixed like strings: an address or class name may itself contain '{'.
    if (value instanceof Node)
      return `N${value.address.length}:${value.address}{${encodeFields(value, ancestors, depth)}}`;
    const className = stateClassName(value);
    if (className === undefined) {
      const shown = (value.constructor as { name?: string } | undefined)?.name ?? 'anonymous';
      throw new EncodingError(
        `instances of class ${shown} are not registered state (call registerStateClass)`,
        [],
      );
    }
    return `C${className.length}:${className}{${encodeFields(value, ancestors, depth)}}`;
  } finally {
    ancestors.delete(value);
  }
}

function encodeArray(value: readonly unknown[], ancestors: Set<object>, depth: number): string {
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    try {
      out += encodeValue(value[i], ancestors, depth + 1);
    } catch (error) {
      throw rethrowWithin(error, `[${i}]`);
    }
  }
  return `${out}]`;
}

function encodeFields(value: object, ancestors: Set<object>, depth: number): string {
  const keys = Object.keys(value).sort();
  let out = '';
  for (const key of keys) {
    try {
      out += `${key.length}:${key}=${encodeValue((value as Record<string, unknown>)[key], ancestors, depth + 1)}`;
    } catch (error) {
      throw rethrowWithin(error, `.${key}`);
    }
  }
  return out;
}

function encodeMap(value: Map<unknown, unknown>, ancestors: Set<object>, depth: number): string {
  const entries: string[] = [];
  for (const [key, entry] of value) {
    let encodedKey: string;
    try {
      encodedKey = encodeValue(key, ancestors, depth + 1);
    } catch (error) {
      throw rethrowWithin(error, '<map key>');
    }
    try {
      entries.push(`${encodedKey}>${encodeValue(entry, ancestors, depth + 1)}`);
    } catch (error) {
      throw rethrowWithin(error, `.get(${String(key)})`);
    }
  }
  return `M${entries.sort().join('')};`;
}

function encodeSet(value: Set<unknown>, ancestors: Set<object>, depth: number): string {
  const entries: string[] = [];
  for (const entry of value) {
    try {
      entries.push(encodeValue(entry, ancestors, depth + 1));
    } catch (error) {
      throw rethrowWithin(error, '<set element>');
    }
  }
  return `S${entries.sort().join('')};`;
}

function rethrowWithin(error: unknown, step: string): unknown {
  return error instanceof EncodingError ? error.within(step) : error;
}
