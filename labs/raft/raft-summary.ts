import type { StateSummary, SummaryTable } from '../../framework/testing.ts';

/** Log entries the summary shows per server, the newest: enough to see terms diverge. */
const ENTRIES_SHOWN = 8;

const NONE = '—';

/** A Raft server's state in JSON form, found by the fields every Raft peer has. */
type RaftState = Record<string, unknown>;

function isRaftState(value: unknown): value is RaftState {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return 'currentTerm' in record && 'raftRole' in record && 'committedIndex' in record;
}

/**
 * The Raft states of one node: the node itself if it is a Raft server, else its sub-nodes that
 * are (a shard store server's `paxos` field holds its group's Raft replica when it runs on Raft).
 */
function raftStatesOf(state: unknown): RaftState[] {
  if (isRaftState(state)) return [state];
  if (state === null || typeof state !== 'object') return [];
  return Object.values(state as Record<string, unknown>).filter(isRaftState);
}

function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : NONE;
}

/** The newest entries' terms, oldest first: `… 2 2 3` when older entries are left out. */
function logText(state: RaftState): string {
  const log = Array.isArray(state['log']) ? (state['log'] as unknown[]) : [];
  const terms = log.slice(-ENTRIES_SHOWN).map((entry) => {
    const term = (entry as Record<string, unknown> | null)?.['term'];
    return typeof term === 'number' ? String(term) : '?';
  });
  if (terms.length === 0) return NONE;
  return `${log.length > ENTRIES_SHOWN ? '… ' : ''}${terms.join(' ')}`;
}

function row(address: string, state: RaftState): string[] {
  const role = (state['raftRole'] as Record<string, unknown> | null)?.['kind'];
  const vote = state['votedFor'];
  const snapshotIndex =
    typeof state['snapshotLastIndex'] === 'number' ? state['snapshotLastIndex'] : 0;
  const length = Array.isArray(state['log']) ? state['log'].length : 0;
  return [
    address,
    numberText(state['currentTerm']),
    typeof role === 'string' ? role : NONE,
    typeof vote === 'string' ? vote : NONE,
    numberText(state['committedIndex']),
    String(snapshotIndex + length),
    String(snapshotIndex),
    logText(state),
  ];
}

/**
 * The Raft lab's summary for the visualizer: each server's term, role, vote, commit index, last
 * log index, snapshot index and the terms of its newest entries, in one table — figure 2's state
 * side by side, so that a split vote, a stale leader or a diverging log shows at a glance. It
 * reads any Raft server (the key-value server, the MIT tester's, a replica group's sub-node) by
 * its fields, not its class, so a student's subclass shows too.
 */
export const raftStateSummary: StateSummary = {
  title: 'Raft servers',
  summarize(nodes): readonly SummaryTable[] {
    const rows: string[][] = [];
    for (const [address, state] of nodes)
      for (const raft of raftStatesOf(state)) rows.push(row(address, raft));
    return [
      {
        caption: 'Servers',
        columns: [
          'Server',
          'Term',
          'Role',
          'Voted for',
          'Commit',
          'Last index',
          'Snapshot',
          'Log terms',
        ],
        rows,
        note: `Log terms: the terms of the newest ${ENTRIES_SHOWN} entries after the snapshot, oldest first.`,
      },
    ];
  },
};
