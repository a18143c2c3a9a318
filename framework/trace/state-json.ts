import { stateClassName } from '../core/state-classes.ts';

/**
 * A JSON value as the visualizer shows node state. Plain values stay themselves; what JSON
 * cannot say is spelled with a `$type` object: Maps, Sets, undefined, bigints, and what was
 * left out to keep a snapshot small. Class instances carry their class name in `$class`.
 */
export type StateJson =
  null | boolean | number | string | StateJson[] | { [key: string]: StateJson };

/**
 * Strings longer than this are shortened (a 1 MB value would otherwise be copied at every step).
 */
const STRING_LENGTH_MAX = 80;
/** Elements of one array, Map or Set shown at most. */
const COLLECTION_ENTRIES_MAX = 200;
/** Values in one snapshot at most: beyond it, the rest of the state is summarized. */
const VALUES_PER_SNAPSHOT_MAX = 5_000;
const DEPTH_MAX = 16;

/**
 * The JSON form of a node's state (or any state value): its own enumerable fields, Maps as
 * `{ $type: 'Map', entries: [[key, value], …] }`, Sets as `{ $type: 'Set', values: […] }`,
 * long strings shortened, and long collections cut with a `{ $type: 'more', count }` marker.
 * Never throws: cycles and functions become markers.
 */
export function stateJson(value: unknown): StateJson {
  return new StateJsonWriter().write(value, 0);
}

class StateJsonWriter {
  private values = 0;
  private readonly ancestors = new Set<object>();

  write(value: unknown, depth: number): StateJson {
    if (++this.values > VALUES_PER_SNAPSHOT_MAX) return { $type: 'truncated' };
    switch (typeof value) {
      case 'string':
        return value.length > STRING_LENGTH_MAX
          ? `${value.slice(0, STRING_LENGTH_MAX - 20)}…(${value.length} chars)`
          : value;
      case 'number':
        return Number.isFinite(value) ? value : { $type: 'number', value: String(value) };
      case 'boolean':
        return value;
      case 'undefined':
        return { $type: 'undefined' };
      case 'bigint':
        return { $type: 'bigint', value: value.toString() };
      case 'function':
        return { $type: 'function' };
      case 'symbol':
        return { $type: 'symbol', value: value.toString() };
      case 'object':
        return value === null ? null : this.writeObject(value, depth);
    }
  }

  private writeObject(value: object, depth: number): StateJson {
    if (this.ancestors.has(value)) return { $type: 'cycle' };
    if (depth >= DEPTH_MAX) return { $type: 'truncated' };
    this.ancestors.add(value);
    try {
      if (Array.isArray(value)) return this.writeList(value, depth);
      if (value instanceof Map) {
        const entries = this.limited([...(value as Map<unknown, unknown>)], ([key, entry]) => [
          this.write(key, depth + 1),
          this.write(entry, depth + 1),
        ]);
        return { $type: 'Map', entries };
      }
      if (value instanceof Set)
        return {
          $type: 'Set',
          values: this.limited([...(value as Set<unknown>)], (entry) =>
            this.write(entry, depth + 1),
          ),
        };
      if (ArrayBuffer.isView(value))
        return this.writeList(Array.from(value as unknown as ArrayLike<unknown>), depth);
      const result: { [key: string]: StateJson } = {};
      const className = classNameOf(value);
      if (className !== undefined) result.$class = className;
      for (const key of Object.keys(value))
        result[key] = this.write((value as Record<string, unknown>)[key], depth + 1);
      return result;
    } finally {
      this.ancestors.delete(value);
    }
  }

  private writeList(list: readonly unknown[], depth: number): StateJson[] {
    return this.limited(list, (entry) => this.write(entry, depth + 1));
  }

  private limited<T>(list: readonly T[], convert: (entry: T) => StateJson): StateJson[] {
    const shown = list.slice(0, COLLECTION_ENTRIES_MAX).map(convert);
    if (list.length > COLLECTION_ENTRIES_MAX)
      shown.push({ $type: 'more', count: list.length - COLLECTION_ENTRIES_MAX });
    return shown;
  }
}

/** A registered state class's name, or the constructor's name for other non-plain objects. */
function classNameOf(value: object): string | undefined {
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null || prototype === Object.prototype) return undefined;
  return stateClassName(value) ?? (value.constructor as { name?: string } | undefined)?.name;
}
