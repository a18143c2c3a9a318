import { Node } from './node.ts';

/** Deeper than this, values are taken as different (the encoding refuses such nesting anyway). */
const DEPTH_MAX = 1000;

/**
 * Whether two state values are the same for every purpose of a handler: identical values,
 * or the same shape with the same contents, Maps and Sets in the same order (a handler may
 * iterate them), object keys in any order. Then they have the same canonical encoding, and
 * one may stand for the other. It may answer false for values that do encode the same (-0
 * and 0; Maps in another order; Sets or Map keys that are equal objects but not the same
 * one): callers then encode, which is only slower. It never answers true for values that
 * encode differently.
 *
 * A handler runs on a deep copy of its node, so the copy shares nothing mutable with the
 * state it came from, except what is frozen (messages, timers, what a lab froze): comparing the
 * copy with the original after the handler finds the fields it changed, mostly by
 * identity, for much less than encoding them.
 */
export function sameState(a: unknown, b: unknown): boolean {
  return same(a, b, 0);
}

function same(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    depth >= DEPTH_MAX
  )
    return false;
  const prototype = Object.getPrototypeOf(a) as object | null;
  if (prototype !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return Array.isArray(b) && sameArray(a, b, depth);
  if (a instanceof Map) return sameMap(a, b as Map<unknown, unknown>, depth);
  if (a instanceof Set) return sameSet(a, b as Set<unknown>);
  if (a instanceof Node && a.address !== (b as Node).address) return false;
  return sameFields(a, b, depth);
}

function sameArray(a: readonly unknown[], b: readonly unknown[], depth: number): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++)
    if (!same(a[index], b[index], depth + 1)) return false;
  return true;
}

// Key iterators and lookups rather than entries: no [key, value] array per entry.
function sameMap(a: Map<unknown, unknown>, b: Map<unknown, unknown>, depth: number): boolean {
  if (a.size !== b.size) return false;
  const keys = a.keys();
  const otherKeys = b.keys();
  for (let at = 0; at < a.size; at++) {
    const key = keys.next().value;
    if (!Object.is(key, otherKeys.next().value) || !same(a.get(key), b.get(key), depth + 1))
      return false;
  }
  return true;
}

function sameSet(a: Set<unknown>, b: Set<unknown>): boolean {
  if (a.size !== b.size) return false;
  const elements = a.values();
  const others = b.values();
  for (let at = 0; at < a.size; at++)
    if (!Object.is(elements.next().value, others.next().value)) return false;
  return true;
}

function sameFields(a: object, b: object, depth: number): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    // Enumerable, as the encoding sees fields: a hidden field of the same name is not one.
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (!same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1))
      return false;
  }
  return true;
}
