import { describe, expect, it } from 'vitest';
import { labs } from '../../labs/index.ts';
import { raftLab } from '../../labs/raft/index.ts';
import { raftStateSummary } from '../../labs/raft/raft-summary.ts';
import type { ExploreSession } from '../../visualizer/app/explore-session.ts';
import { startExplore } from '../../visualizer/app/explore-source.ts';
import { TimelineIndex } from '../../visualizer/app/timeline-index.ts';

/** Takes the newest pending message of `kind` from `from` to `to`, or `to`'s timer of `kind`. */
function take(session: ExploreSession, kind: string, to: string, from?: string): void {
  const index = new TimelineIndex(session.timeline());
  const item = index
    .pendingAt(session.position)
    .map((view) => view.item)
    .filter(
      (candidate) =>
        candidate.to === to &&
        candidate.from === from &&
        (candidate.value as { kind?: string }).kind === kind,
    )
    .at(-1);
  if (item === undefined) throw new Error(`no ${kind} to ${to}`);
  session.take(item.id);
}

function rowsAt(session: ExploreSession): readonly (readonly string[])[] {
  const index = new TimelineIndex(session.timeline());
  return raftStateSummary.summarize(index.statesAt(session.position))[0]?.rows ?? [];
}

describe("the Raft lab's server summary", () => {
  it('is the lab summary, and follows an election and a first entry step by step', () => {
    expect(raftLab.summary).toBe(raftStateSummary);
    const { session } = startExplore(labs, { kind: 'lab', lab: '5' }, () => 0);
    expect(rowsAt(session)).toEqual([
      ['server1', '0', 'follower', '—', '0', '0', '0', '—'],
      ['server2', '0', 'follower', '—', '0', '0', '0', '—'],
      ['server3', '0', 'follower', '—', '0', '0', '0', '—'],
    ]);
    take(session, 'ElectionTimer', 'server1');
    expect(rowsAt(session)[0]).toEqual([
      'server1',
      '1',
      'candidate',
      'server1',
      '0',
      '0',
      '0',
      '—',
    ]);
    take(session, 'RequestVote', 'server2', 'server1');
    expect(rowsAt(session)[1]).toEqual(['server2', '1', 'follower', 'server1', '0', '0', '0', '—']);
    take(session, 'RequestVoteReply', 'server1', 'server2');
    // Elected, the leader appends its no-op (term 1) at index 1; nothing is committed yet.
    expect(rowsAt(session)[0]).toEqual(['server1', '1', 'leader', 'server1', '0', '1', '0', '1']);
  });
});
