import { describe, expect, it } from 'vitest';
import type { SummaryTable } from '../../framework/testing.ts';
import type { StepTimeline } from '../../framework/trace/trace-steps.ts';
import { labs } from '../../labs/index.ts';
import { shardedStoreLab } from '../../labs/shardstore/index.ts';
import { shardOwnershipSummary } from '../../labs/shardstore/ownership-summary.ts';
import type { ExploreSession } from '../../visualizer/app/explore-session.ts';
import { startExplore } from '../../visualizer/app/explore-source.ts';
import { cellKey, summaryAt } from '../../visualizer/app/summary-view.ts';
import { TimelineIndex } from '../../visualizer/app/timeline-index.ts';
import { traceOf } from '../visualizer/broken-trace.ts';

function tables(index: TimelineIndex, position: number): readonly SummaryTable[] {
  return shardOwnershipSummary.summarize(index.statesAt(position));
}

/** Column `column` of the Shards table. */
function shardColumn(summary: readonly SummaryTable[], column: number): string[] {
  return (summary[0]?.rows ?? []).map((row) => row[column] ?? '');
}

/** Takes the newest undelivered message from `from` to `to`. */
function deliver(session: ExploreSession, from: string, to: string): void {
  const index = new TimelineIndex(session.timeline());
  const message = index
    .pendingAt(session.position)
    .filter(
      (view) =>
        view.item.kind === 'message' &&
        view.item.from === from &&
        view.item.to === to &&
        view.deliveries === 0,
    )
    .at(-1);
  if (message === undefined) throw new Error(`no message from ${from} to ${to}`);
  session.take(message.item.id);
}

describe("lab 4's shard ownership summary", () => {
  it('follows a Join from the shard masters to the group that adopts it, step by step', () => {
    const { session } = startExplore(
      labs,
      { kind: 'lab', lab: '4', counts: { groups: 2 }, texts: { 'config-script': 'JOIN:1,JOIN:2' } },
      () => 0,
    );
    deliver(session, 'admin', 'master1');
    deliver(session, 'server1-1', 'master1');
    deliver(session, 'master1', 'server1-1');
    const index = new TimelineIndex(session.timeline());
    const start = tables(index, 0);
    expect(start.map((table) => table.caption)).toEqual(['Shards', 'Groups']);
    expect(start[0]?.columns).toEqual(['Shard', 'Owner', 'Held by']);
    expect(shardColumn(start, 1)).toEqual(['—', '—', '—', '—']);
    expect(start[1]?.rows).toEqual([
      ['1', 'none', '—', '—'],
      ['2', 'none', '—', '—'],
    ]);
    const joined = tables(index, 1);
    expect(joined[0]?.columns[1]).toBe('Owner in config 0');
    expect(shardColumn(joined, 1)).toEqual(['group 1', 'group 1', 'group 1', 'group 1']);
    expect(shardColumn(joined, 2)).toEqual(['—', '—', '—', '—']);
    const adopted = tables(index, 3);
    expect(shardColumn(adopted, 2)).toEqual(['group 1', 'group 1', 'group 1', 'group 1']);
    expect(adopted[1]?.rows).toEqual([
      ['1', '0', '1, 2, 3, 4', '1, 2, 3, 4'],
      ['2', 'none', '—', '—'],
    ]);
    // The visualizer marks what the step changed: the owners at step 1, the holders at step 3.
    const atJoin = summaryAt(shardOwnershipSummary, index, 1);
    if ('error' in atJoin) throw new Error(atJoin.error);
    expect([...atJoin.changed].sort()).toEqual(
      [0, 1, 2, 3]
        .map((row) => cellKey(0, row, 1))
        .concat(cellKey(1, 0, 2))
        .sort(),
    );
    const atAdopt = summaryAt(shardOwnershipSummary, index, 3);
    if ('error' in atAdopt) throw new Error(atAdopt.error);
    expect(atAdopt.changed).toContain(cellKey(0, 0, 2));
    expect(atAdopt.changed).toContain(cellKey(1, 0, 1));
    expect(atAdopt.changed).not.toContain(cellKey(0, 0, 1));
  });

  it("says which servers of a group hold a shard when they differ (a run trace's end)", () => {
    const test = shardedStoreLab.tests.find(
      (candidate) => candidate.part === 2 && candidate.number === 1,
    );
    if (test === undefined) throw new Error('lab 4 has test 2.1');
    const trace = traceOf(test, 1, '4');
    const index = new TimelineIndex(trace.steps?.timelines[0] as StepTimeline);
    const end = tables(index, index.rows - 1);
    // Test 2.1: group 1 of three servers joins and serves all ten shards.
    expect(shardColumn(end, 1)).toEqual(Array.from({ length: 10 }, () => 'group 1'));
    expect(shardColumn(end, 2)).toEqual(Array.from({ length: 10 }, () => 'group 1'));
    expect(end[1]?.rows).toEqual([
      ['1', '0', '1, 2, 3, 4, 5, 6, 7, 8, 9, 10', '1, 2, 3, 4, 5, 6, 7, 8, 9, 10'],
    ]);
    // Somewhere on the way, one server has adopted configuration 0 before another.
    let partial: readonly SummaryTable[] | undefined;
    for (let position = 0; position < index.rows && partial === undefined; position++) {
      const summary = tables(index, position);
      if (shardColumn(summary, 2).some((cell) => cell.includes(' of 3 servers'))) partial = summary;
    }
    expect(partial?.[1]?.rows[0]?.[1]).toMatch(/^server1-\d: (0|none), /);
  });

  it('reads what it can of states it does not know, and never throws on them', () => {
    const odd = new Map<string, unknown>([
      ['a', { $type: 'truncated' }],
      ['b', { $class: 'GroupReplica', groupId: 'x' }],
      ['c', { $class: 'ShardMaster', shardCount: 2, configs: [{ configNum: 'late' }] }],
      ['d', null],
    ]);
    expect(shardOwnershipSummary.summarize(odd)).toEqual([
      {
        caption: 'Shards',
        columns: ['Shard', 'Owner', 'Held by'],
        rows: [
          ['1', '—', '—'],
          ['2', '—', '—'],
        ],
        note: 'The shard masters have no configuration yet: no Join has executed.',
      },
      expect.objectContaining({ caption: 'Groups', rows: [] }),
    ]);
  });
});
