import type { StateJson } from './state-json.ts';

/**
 * A change to a JSON state value: the value at `path` becomes `value`. Paths use the
 * segments of {@link childSegments}: field names, array indices, and for Maps and Sets the
 * JSON of the key (or value), so that a patch names an entry, not its position.
 */
export interface PatchOperation {
  readonly path: readonly string[];
  readonly value: StateJson;
}

type JsonObject = { [key: string]: StateJson };

function isObject(value: StateJson | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What kind of container a value is ('' for leaves): patches recurse only into the same kind. */
export function containerKind(value: StateJson | undefined): string {
  if (Array.isArray(value)) return 'array';
  if (!isObject(value)) return '';
  if (value.$type === 'Map' && Array.isArray(value.entries)) return 'Map';
  if (value.$type === 'Set' && Array.isArray(value.values)) return 'Set';
  if (typeof value.$type === 'string') return '';
  return `object:${typeof value.$class === 'string' ? value.$class : ''}`;
}

/** The children of a container, each with its path segment (none for leaves). */
export function childSegments(value: StateJson | undefined): [segment: string, child: StateJson][] {
  const kind = containerKind(value);
  if (kind === 'array') return (value as StateJson[]).map((child, index) => [String(index), child]);
  if (kind === 'Map') {
    return ((value as JsonObject).entries as StateJson[]).map((entry) => {
      const [key, child] = Array.isArray(entry) ? entry : [entry, null];
      return [JSON.stringify(key ?? null), child ?? null];
    });
  }
  if (kind === 'Set')
    return ((value as JsonObject).values as StateJson[]).map((child) => [
      JSON.stringify(child),
      child,
    ]);
  if (kind === '') return [];
  return Object.entries(value as JsonObject).filter(([key]) => key !== '$class');
}

/**
 * The operations that turn `before` into `after`, as small as this simple scheme allows:
 * fields and entries are compared one by one; a container whose shape changed (fields or
 * keys added or removed, an array that shrank) is replaced whole.
 */
export function diffState(before: StateJson, after: StateJson): PatchOperation[] {
  const operations: PatchOperation[] = [];
  diffInto(before, after, [], operations);
  return operations;
}

// The run recorder calls this after every event, on states of hundreds of values: fields
// and array elements are walked directly, and the path is one stack, copied only on output.
function diffInto(
  before: StateJson,
  after: StateJson,
  path: string[],
  operations: PatchOperation[],
): void {
  if (before === after) return;
  if (
    typeof after !== 'object' ||
    after === null ||
    typeof before !== 'object' ||
    before === null
  ) {
    operations.push({ path: path.slice(), value: after });
    return;
  }
  const kind = containerKind(after);
  if (kind === '' || kind !== containerKind(before)) {
    if (
      kind === '' &&
      containerKind(before) === '' &&
      JSON.stringify(before) === JSON.stringify(after)
    )
      return;
    operations.push({ path: path.slice(), value: after });
    return;
  }
  if (kind === 'array') {
    const beforeList = before as StateJson[];
    const afterList = after as StateJson[];
    if (afterList.length < beforeList.length) {
      operations.push({ path: path.slice(), value: after });
      return;
    }
    for (let index = 0; index < afterList.length; index++) {
      path.push(String(index));
      if (index < beforeList.length)
        diffInto(beforeList[index] as StateJson, afterList[index] as StateJson, path, operations);
      else operations.push({ path: path.slice(), value: afterList[index] as StateJson });
      path.pop();
    }
    return;
  }
  if (kind === 'Map' || kind === 'Set') {
    diffEntries(before, after, path, operations);
    return;
  }
  const beforeObject = before as JsonObject;
  const afterObject = after as JsonObject;
  const keys = Object.keys(afterObject);
  if (
    keys.length !== Object.keys(beforeObject).length ||
    keys.some((key) => !(key in beforeObject))
  ) {
    operations.push({ path: path.slice(), value: after });
    return;
  }
  for (const key of keys) {
    if (key === '$class') continue;
    path.push(key);
    diffInto(beforeObject[key] as StateJson, afterObject[key] as StateJson, path, operations);
    path.pop();
  }
}

function diffEntries(
  before: StateJson,
  after: StateJson,
  path: string[],
  operations: PatchOperation[],
): void {
  const beforeChildren = new Map(childSegments(before));
  const afterChildren = childSegments(after);
  if (
    beforeChildren.size !== afterChildren.length ||
    afterChildren.some(([segment]) => !beforeChildren.has(segment))
  ) {
    operations.push({ path: path.slice(), value: after });
    return;
  }
  for (const [segment, child] of afterChildren) {
    path.push(segment);
    diffInto(beforeChildren.get(segment) as StateJson, child, path, operations);
    path.pop();
  }
}

/** `base` with the operations applied (copying only what lies on their paths). */
export function applyPatch(base: StateJson, operations: readonly PatchOperation[]): StateJson {
  let result = base;
  for (const operation of operations) result = setAt(result, operation.path, 0, operation.value);
  return result;
}

function setAt(
  container: StateJson,
  path: readonly string[],
  depth: number,
  value: StateJson,
): StateJson {
  if (depth === path.length) return value;
  const segment = path[depth] as string;
  const kind = containerKind(container);
  if (kind === 'array') {
    const copy = (container as StateJson[]).slice();
    const index = Number(segment);
    copy[index] = setAt(copy[index] ?? null, path, depth + 1, value);
    return copy;
  }
  if (kind === 'Map' || kind === 'Set') {
    const field = kind === 'Map' ? 'entries' : 'values';
    const list = ((container as JsonObject)[field] as StateJson[]).slice();
    const position = childSegments(container).findIndex(([key]) => key === segment);
    if (kind === 'Map') {
      const entry = list[position] as StateJson[] | undefined;
      const key = entry?.[0] ?? (JSON.parse(segment) as StateJson);
      const updated = [key, setAt(entry?.[1] ?? null, path, depth + 1, value)];
      if (position < 0) list.push(updated);
      else list[position] = updated;
    } else {
      const updated = setAt(list[position] ?? null, path, depth + 1, value);
      if (position < 0) list.push(updated);
      else list[position] = updated;
    }
    return { ...(container as JsonObject), [field]: list };
  }
  const object = isObject(container) ? container : {};
  return { ...object, [segment]: setAt(object[segment] ?? null, path, depth + 1, value) };
}
