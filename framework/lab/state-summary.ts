/**
 * A lab's one-glance view of a whole system at one step, which the visualizer shows above the
 * node cards, in trace mode and in explore mode alike: lab 4's shard owners, a primary-backup
 * lab's current view, Raft's term and role per server. Each node's state tree says everything,
 * but spread over many nodes and deep inside each; a summary says what matters in a table.
 *
 * The visualizer has only the JSON form of node states (a trace file holds nothing else), so
 * a summary is computed from that form — `$class` naming a class instance, Maps as
 * `{ $type: 'Map', entries: [[key, value], …] }`, Sets as `{ $type: 'Set', values }`, a missing
 * value as `{ $type: 'undefined' }`, and what was cut to keep a snapshot small as
 * `{ $type: 'truncated' }` or `'more'`. {@link stateObjects} and {@link stateMapEntries} read it.
 */
export interface StateSummary {
  /** The panel's title: `Shard ownership`. */
  readonly title: string;
  /**
   * The tables at one step, from each node's JSON state by root address (nodes not present at
   * that step are left out). It may throw on a state it cannot read: the visualizer shows the
   * message instead of the tables.
   */
  summarize(nodes: ReadonlyMap<string, unknown>): readonly SummaryTable[];
}

/** One table of a summary; every row has one cell per column. */
export interface SummaryTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** A line under the table: what a reader should know to read it. */
  readonly note?: string;
}

/** Objects visited at most when searching one state: a summary must stay cheap at every step. */
const VISITED_MAX = 100_000;

/**
 * Every object of class `className` in a JSON state, outermost first (a node's sub-node before
 * the application inside it), in field order at each depth. Found objects are searched too.
 */
export function stateObjects(state: unknown, className: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  // Breadth-first, so that outer objects come first; `pending` grows and is read in order.
  const pending: unknown[] = [state];
  for (let next = 0; next < pending.length && next < VISITED_MAX; next++) {
    const value = pending[next];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      pending.push(...(value as unknown[]));
      continue;
    }
    const record = value as Record<string, unknown>;
    if (record['$class'] === className) found.push(record);
    pending.push(...Object.values(record));
  }
  return found;
}

/**
 * The entries of a Map in JSON form, or of a plain object read as one; an empty list for
 * anything else (a value cut from the snapshot, undefined).
 */
export function stateMapEntries(value: unknown): (readonly [unknown, unknown])[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const record = value as Record<string, unknown>;
  if (record['$type'] === 'Map')
    return Array.isArray(record['entries'])
      ? (record['entries'] as unknown[]).flatMap((entry) =>
          Array.isArray(entry) && entry.length === 2 ? [[entry[0], entry[1]] as const] : [],
        )
      : [];
  if (typeof record['$type'] === 'string') return [];
  return Object.entries(record).filter(([key]) => key !== '$class');
}
