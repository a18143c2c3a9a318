/**
 * A deep copy of a state value that copies frozen parts too, keeping class prototypes. A
 * snapshot that arrives in a message is frozen (`send` freezes what it sends), and the engine's
 * copies share frozen values; but a frozen Map can still be changed, so a service restored from
 * a received snapshot must own every part of it, or applying a command would change the message,
 * the sender's snapshot and every state sharing them.
 */
export function thawedCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  if (value instanceof Map) {
    const result = new Map<unknown, unknown>();
    for (const [key, entry] of value) result.set(copy(key), copy(entry));
    return result;
  }
  if (value instanceof Set) return new Set([...value].map(copy));
  const result = Object.create(Object.getPrototypeOf(value) as object | null) as Record<
    string,
    unknown
  >;
  for (const [key, field] of Object.entries(value)) result[key] = copy(field);
  return result;
}
