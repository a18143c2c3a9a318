import type { StateJson } from '../../framework/trace/index.ts';

/**
 * Paths name places in a state tree: the segments from the root joined by '/', each
 * segment URI-encoded. Object fields use their name, array elements their index, Map
 * entries and Set values their key's JSON (so that an insertion does not shift the rest).
 */
export function childPath(parent: string, segment: string): string {
  return `${parent}/${encodeURIComponent(segment)}`;
}

export const ROOT_PATH = '';

type JsonObject = { [key: string]: StateJson };

function isObject(value: StateJson | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The children of a JSON state value, keyed by segment (empty for leaves). */
export function childrenOf(value: StateJson | undefined): [segment: string, child: StateJson][] {
  if (Array.isArray(value)) return value.map((child, index) => [String(index), child]);
  if (!isObject(value)) return [];
  if (value.$type === 'Map' && Array.isArray(value.entries)) {
    return value.entries.map((entry) => {
      const [key, child] = Array.isArray(entry) ? entry : [entry, null];
      return [JSON.stringify(key ?? null), child ?? null];
    });
  }
  if (value.$type === 'Set' && Array.isArray(value.values))
    return value.values.map((child) => [JSON.stringify(child), child]);
  if (typeof value.$type === 'string') return [];
  return Object.entries(value).filter(([key]) => key !== '$class');
}

/** Whether a value is shown as a leaf (no children to expand). */
export function isLeaf(value: StateJson | undefined): boolean {
  if (Array.isArray(value)) return false;
  if (!isObject(value)) return true;
  return typeof value.$type === 'string' && value.$type !== 'Map' && value.$type !== 'Set';
}

/**
 * The paths whose value differs between two states, with every ancestor of a change (so a
 * collapsed parent can say that something inside it changed). A field present in only one
 * of them counts as changed. The root path is included when anything changed.
 */
export function changedPaths(
  before: StateJson | undefined,
  after: StateJson | undefined,
): Set<string> {
  const changed = new Set<string>();
  compare(before, after, ROOT_PATH, changed);
  return changed;
}

function compare(
  before: StateJson | undefined,
  after: StateJson | undefined,
  path: string,
  changed: Set<string>,
): boolean {
  if (before === after) return false;
  if (isLeaf(before) || isLeaf(after) || kindOf(before) !== kindOf(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return false;
    changed.add(path);
    return true;
  }
  const beforeChildren = new Map(childrenOf(before));
  const afterChildren = childrenOf(after);
  let any = false;
  for (const [segment, child] of afterChildren) {
    const had = beforeChildren.has(segment);
    if (!had) {
      changed.add(childPath(path, segment));
      any = true;
    } else if (compare(beforeChildren.get(segment), child, childPath(path, segment), changed)) {
      any = true;
    }
    beforeChildren.delete(segment);
  }
  if (beforeChildren.size > 0) any = true; // removed entries: the container changed
  if (any) changed.add(path);
  return any;
}

function kindOf(value: StateJson | undefined): string {
  if (Array.isArray(value)) return 'array';
  if (isObject(value))
    return typeof value.$type === 'string'
      ? value.$type
      : `object:${typeof value.$class === 'string' ? value.$class : ''}`;
  return typeof value;
}
