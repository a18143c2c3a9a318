/**
 * A `JSON.stringify` replacer for state values: Maps become objects of their entries and
 * Sets become arrays, so that traces and logs show them instead of `{}`.
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value as Map<unknown, unknown>);
  if (value instanceof Set) return [...(value as Set<unknown>)];
  return value;
}
