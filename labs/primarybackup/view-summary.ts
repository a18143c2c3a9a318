import type { StateSummary, SummaryTable } from '../../framework/testing.ts';

/** A view as a node's JSON state holds it. */
interface ViewShape {
  readonly viewNum: number;
  readonly primary: string | null;
  readonly backup: string | null;
}

/** A node that keeps a view, and the object (the node, or its client) that keeps it. */
interface ViewHolder {
  readonly address: string;
  readonly holder: Record<string, unknown>;
  readonly view: ViewShape | null;
}

const NONE = '—';

/**
 * Lab 2's summary for the visualizer: the view the view server is in, whether its primary has
 * acknowledged it and which servers the view server counts as alive; and the view each server
 * and client believes in, with each server's role in it — they differ while a view change
 * spreads, which is when primary-backup goes wrong. A node is read wherever its view sits (a
 * client inside its worker), by the shape the lab fixes (`view.ts`), not by class, so that a
 * student's classes and the tests' broken variants are read the same way.
 */
export const viewSummary: StateSummary = {
  title: 'Views',
  summarize(nodes) {
    const holders: ViewHolder[] = [];
    for (const [address, state] of nodes) {
      const holder = viewHolder(address, state);
      if (holder !== undefined) holders.push(holder);
    }
    const viewServer = holders.find((holder) => typeof holder.holder['acknowledged'] === 'boolean');
    const others = holders.filter((holder) => holder !== viewServer);
    return [viewServerTable(viewServer), nodesTable(others, viewServer?.view ?? null)];
  },
};

function viewServerTable(viewServer: ViewHolder | undefined): SummaryTable {
  const columns = ['View', 'Primary', 'Backup', 'Acknowledged', 'Alive'];
  if (viewServer === undefined)
    return { caption: 'View server', columns, rows: [], note: 'No view server in this system.' };
  const { view, holder } = viewServer;
  const alive = [
    ...new Set([...setValues(holder['aliveUntilCheck']), ...setValues(holder['pingedSinceCheck'])]),
  ].sort();
  return {
    caption: 'View server',
    columns,
    rows: [
      [
        view === null ? NONE : String(view.viewNum),
        view?.primary ?? NONE,
        view?.backup ?? NONE,
        holder['acknowledged'] === true ? 'yes' : 'no',
        alive.length === 0 ? NONE : alive.join(', '),
      ],
    ],
    note: "Acknowledged: the primary has pinged with this view's number; until it has, the view never changes. Alive: the servers that pinged in the last check interval or since.",
  };
}

function nodesTable(holders: readonly ViewHolder[], current: ViewShape | null): SummaryTable {
  const rows = holders.map(({ address, holder, view }) => {
    const role = view === null ? NONE : roleOf(address, view, holder);
    const behind = view !== null && current !== null && view.viewNum < current.viewNum;
    return [
      address,
      view === null ? 'none yet' : `${describe(view)}${behind ? ' (behind)' : ''}`,
      role,
      typeof holder['readyViewNum'] === 'number' ? String(holder['readyViewNum']) : NONE,
    ];
  });
  return {
    caption: 'What each node believes',
    columns: ['Node', 'Its view', 'Its role', 'Pings with'],
    rows,
    note: "Behind: an older view than the view server's. A primary serves once its backup has its state; a backup applies forwards once it has the primary's. Pings with: the latest view the server is ready to serve in (the primary's is its acknowledgement).",
  };
}

/** A server's role in the view it believes in, with whether it holds what the role needs. */
function roleOf(address: string, view: ViewShape, holder: Record<string, unknown>): string {
  const isServer = typeof holder['ready'] === 'boolean';
  if (!isServer) return 'client';
  const ready = holder['ready'] === true;
  if (view.primary === address)
    return view.backup === null || ready ? 'primary' : 'primary, transferring the state';
  if (view.backup === address) return ready ? 'backup' : 'backup, waiting for the state';
  return 'idle';
}

function describe(view: ViewShape): string {
  return `${view.viewNum} (${view.primary ?? 'no primary'}, ${view.backup ?? 'no backup'})`;
}

/**
 * The object of a node's state that keeps its view: the node itself (a server, the view server)
 * or the client inside a client worker.
 */
function viewHolder(address: string, state: unknown): ViewHolder | undefined {
  const client = isRecord(state) ? state['client'] : undefined;
  for (const candidate of [state, client]) {
    if (!isRecord(candidate) || !('view' in candidate)) continue;
    const view = viewShape(candidate['view']);
    if (view !== undefined) return { address, holder: candidate, view };
  }
  return undefined;
}

/** A view in JSON form, null for none, or undefined for anything else. */
function viewShape(value: unknown): ViewShape | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const record = value;
  if (typeof record['viewNum'] !== 'number') return undefined;
  const address = (field: unknown): string | null => (typeof field === 'string' ? field : null);
  return {
    viewNum: record['viewNum'],
    primary: address(record['primary']),
    backup: address(record['backup']),
  };
}

/** The string members of a Set in JSON form (`{ $type: 'Set', values }`). */
function setValues(value: unknown): string[] {
  const values = isRecord(value) && Array.isArray(value['values']) ? value['values'] : [];
  return values.filter((member): member is string => typeof member === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
