/**
 * Messages, timers, commands and results are immutable plain data with a `kind` tag.
 * The tag drives handler dispatch (`handle${kind}` / `on${kind}`), so dispatch survives
 * bundling and minification, and two values are equal exactly when their canonical
 * encodings are.
 *
 * @example
 * ```ts
 * interface Ping {
 *   readonly kind: 'Ping';
 *   readonly value: string;
 * }
 * export type PingMessage = Ping | Pong;
 * ```
 */
export interface Message {
  readonly kind: string;
}

/**
 * A timer is data like a message; it is set with a duration range and fires once.
 *
 * @example
 * ```ts
 * interface PingTimer {
 *   readonly kind: 'PingTimer';
 *   readonly ping: Ping;
 * }
 * this.set<PingTimer>({ kind: 'PingTimer', ping }, 10); // fires onPingTimer in 10 ms
 * ```
 */
export interface Timer {
  readonly kind: string;
}

/**
 * An operation submitted to an {@link Application}.
 *
 * @example
 * ```ts
 * interface Put {
 *   readonly kind: 'Put';
 *   readonly key: string;
 *   readonly value: string;
 * }
 * ```
 */
export interface Command {
  readonly kind: string;
}

/**
 * What an {@link Application} answers to a command.
 *
 * @example
 * ```ts
 * interface PutOk {
 *   readonly kind: 'PutOk';
 * }
 * ```
 */
export interface Result {
  readonly kind: string;
}

/** Freezes a value and everything reachable from it, so that a sent message cannot change. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      deepFreeze(key);
      deepFreeze(entry);
    }
  } else if (value instanceof Set) {
    for (const entry of value) deepFreeze(entry);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) deepFreeze(value[index]);
  } else {
    // for-in rather than Object.keys: no array per object, and own enumerable keys are all
    // there is on plain data (inherited enumerable properties would be frozen too, harmlessly).
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
