import { describe, expect, it } from 'vitest';
import type { SummaryTable } from '../../framework/testing.ts';
import type { StepTimeline } from '../../framework/trace/trace-steps.ts';
import { labs } from '../../labs/index.ts';
import { primaryBackupLab } from '../../labs/primarybackup/index.ts';
import { viewSummary } from '../../labs/primarybackup/view-summary.ts';
import type { ExploreSession } from '../../visualizer/app/explore-session.ts';
import { startExplore } from '../../visualizer/app/explore-source.ts';
import { TimelineIndex } from '../../visualizer/app/timeline-index.ts';
import { traceOf } from '../visualizer/broken-trace.ts';

/** The summary after the last step of an explore session. */
function summaryNow(session: ExploreSession): readonly SummaryTable[] {
  const index = new TimelineIndex(session.timeline());
  return viewSummary.summarize(index.statesAt(session.position));
}

/** Delivers the first pending message from `from` to `to` of kind `kind`. */
function deliver(session: ExploreSession, from: string, to: string, kind: string): void {
  const pending = new TimelineIndex(session.timeline()).pendingAt(session.position);
  const message = pending.find(
    ({ item }) =>
      item.kind === 'message' &&
      item.from === from &&
      item.to === to &&
      (item.value as { kind?: unknown } | null)?.kind === kind,
  );
  if (message === undefined) throw new Error(`no ${kind} from ${from} to ${to}`);
  session.take(message.item.id);
}

describe("lab 2's view summary", () => {
  it('is the summary the lab gives the visualizer', () => {
    expect(primaryBackupLab.summary).toBe(viewSummary);
  });

  it("follows the first view from the view server to the primary's acknowledgement", () => {
    const { session } = startExplore(
      labs,
      { kind: 'lab', lab: '2', counts: {}, texts: {} },
      () => 0,
    );
    const [viewServer, nodes] = summaryNow(session);
    expect(viewServer?.rows).toEqual([['0', '—', '—', 'no', '—']]);
    expect(nodes?.rows).toEqual([
      ['server1', '0 (no primary, no backup)', 'idle', '0'],
      ['server2', '0 (no primary, no backup)', 'idle', '0'],
      ['client1', 'none yet', '—', '—'],
    ]);
    deliver(session, 'server1', 'viewserver', 'Ping');
    expect(summaryNow(session)[0]?.rows).toEqual([['1', 'server1', '—', 'no', 'server1']]);
    expect(summaryNow(session)[1]?.rows[0]).toEqual([
      'server1',
      '0 (no primary, no backup) (behind)',
      'idle',
      '0',
    ]);
    deliver(session, 'viewserver', 'server1', 'ViewReply');
    expect(summaryNow(session)[1]?.rows[0]).toEqual([
      'server1',
      '1 (server1, no backup)',
      'primary',
      '1',
    ]);
  });

  it('shows the backup taking over at the end of test 2.6', () => {
    const test = primaryBackupLab.tests.find(
      (candidate) => candidate.part === 2 && candidate.number === 6,
    );
    if (test === undefined) throw new Error('lab 2 has test 2.6');
    const trace = traceOf(test, 1, '2');
    const index = new TimelineIndex(trace.steps?.timelines[0] as StepTimeline);
    const views = new Set<string>();
    for (let position = 0; position < index.rows; position++) {
      const row = viewSummary.summarize(index.statesAt(position))[0]?.rows[0];
      if (row !== undefined) views.add(row.slice(0, 3).join(' '));
    }
    expect([...views]).toEqual(['0 — —', '1 server1 —', '2 server1 server2', '3 server2 —']);
    const [viewServer, nodes] = viewSummary.summarize(index.statesAt(index.rows - 1));
    expect(viewServer?.rows[0]?.slice(0, 4)).toEqual(['3', 'server2', '—', 'yes']);
    expect(nodes?.rows.find((row) => row[0] === 'server2')?.slice(1, 3)).toEqual([
      '3 (server2, no backup)',
      'primary',
    ]);
  });

  it('reads what it can of states it does not know, and never throws on them', () => {
    const odd = new Map<string, unknown>([
      ['a', { $type: 'truncated' }],
      ['b', { view: { viewNum: 'late' } }],
      ['c', null],
    ]);
    expect(viewSummary.summarize(odd)).toEqual([
      expect.objectContaining({ caption: 'View server', rows: [] }),
      expect.objectContaining({ caption: 'What each node believes', rows: [] }),
    ]);
  });
});
