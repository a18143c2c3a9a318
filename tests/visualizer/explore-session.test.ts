import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import { ExploreOptionError, exploreOptions } from '../../framework/testing.ts';
import { clientServerLab } from '../../labs/clientserver/index.ts';
import { labs } from '../../labs/index.ts';
import { ExploreSession } from '../../visualizer/app/explore-session.ts';
import { startExplore } from '../../visualizer/app/explore-source.ts';
import { TimelineIndex } from '../../visualizer/app/timeline-index.ts';
import { runStepSystem } from '../../framework/trace/index.ts';
import type { StepTimeline } from '../../framework/trace/trace-steps.ts';
import { pingPongLab } from '../../labs/pingpong/index.ts';
import { traceOf } from './broken-trace.ts';
import { crashScenario } from './run-scenarios.ts';

const now = (): number => 0;

function pendingIds(session: ExploreSession, kind: 'message' | 'timer'): string[] {
  const index = new TimelineIndex(session.timeline());
  return index
    .pendingAt(session.position)
    .filter((view) => view.item.kind === kind)
    .map((view) => view.item.id);
}

describe('explore sessions', () => {
  it('take messages and timers one click at a time, and reach the goal', () => {
    const { session, title } = startExplore(
      labs,
      { kind: 'lab', lab: '1', clients: 1, workload: 'put-append-get' },
      now,
    );
    expect(title).toBe(
      'Lab 1 (Exactly-once key-value store): key-value server and 1 client, put-append-get',
    );
    // Deliver the newest message each time: request, reply, request, reply, request, reply.
    for (let round = 0; round < 6; round++) {
      const messages = pendingIds(session, 'message');
      session.take(messages[messages.length - 1] as string);
    }
    const index = new TimelineIndex(session.timeline());
    expect(session.position).toBe(6);
    expect(index.verdictsAt(6)).toEqual([true, true]);
    expect(index.arrows.length).toBe(6);
  });

  it('branch when another event is taken from an earlier step, keeping the first branch', () => {
    const { session } = startExplore(labs, { kind: 'lab', lab: '1' }, now);
    const request = pendingIds(session, 'message')[0] as string;
    const first = session.take(request);
    session.take(pendingIds(session, 'message').at(-1) as string);
    session.moveTo(0);
    const timer = pendingIds(session, 'timer')[0] as string;
    const second = session.take(timer);
    expect(session.root.children).toEqual([first, second]);
    expect(session.timeline().steps.map((step) => step.event.type)).toEqual(['timer']);
    session.select(first);
    expect(session.position).toBe(1);
    expect(session.branch().length).toBe(3);
    session.moveTo(0);
    expect(session.take(request)).toBe(first);
    expect(session.nodes().length).toBe(4);
  });

  it('honour the test restrictions, unless told to ignore them', () => {
    const system = clientServerLab.explore?.build({
      servers: 1,
      clients: 1,
      workload: 'put-append-get',
      seed: 1,
      counts: {},
      texts: {},
    });
    if (system === undefined) throw new Error('lab 1 has an explore setup');
    const partitioned = system.model.withSettings({
      partition: [[address('server')], [address('client1')]],
    });
    const session = new ExploreSession(partitioned, system.predicates);
    expect(session.restricted).toBe(true);
    const request = pendingIds(session, 'message')[0] as string;
    const blocked = session.availability(request);
    expect(blocked.enabled).toBe(false);
    expect(blocked.reason).toContain("test's delivery restrictions");
    expect(() => session.take(request)).toThrow(/cannot take/);
    session.override = true;
    expect(session.availability(request).enabled).toBe(true);
    session.take(request);
    expect(session.position).toBe(1);
  });

  it('start from a search phase of a test, and replay a path given by event descriptions', () => {
    const first = startExplore(
      labs,
      { kind: 'test', lab: '0', part: 1, test: 4, seed: 1, phase: 0 },
      now,
    ).session;
    const messages = pendingIds(first, 'message');
    const description = first.describe(first.take(messages[0] as string));
    expect(description).toMatch(/^client1 → pingserver: PingRequest/);
    const label = first.timeline().steps[0]?.event.label as string;
    const replayed = startExplore(
      labs,
      { kind: 'test', lab: '0', part: 1, test: 4, seed: 1, phase: 1, path: [label] },
      now,
    );
    expect(replayed.title).toBe('Lab 0 test 1.4: everything until clients are done');
    expect(replayed.session.position).toBe(1);
    expect(replayed.session.timeline().steps[0]?.event.label).toBe(label);
  });

  it('refuse what is not in the build', () => {
    expect(() => startExplore(labs, { kind: 'lab', lab: '42' }, now)).toThrow(/not in this build/);
    expect(() =>
      startExplore(labs, { kind: 'test', lab: '0', part: 1, test: 4, seed: 1, phase: 5 }, now),
    ).toThrow(/did not reach search phase 6/);
    expect(() =>
      startExplore(labs, { kind: 'test', lab: '0', part: 1, test: 1, seed: 1, phase: 0 }, now),
    ).toThrow(/did not reach search phase 1/);
  });
});

describe('explore options', () => {
  const setup = clientServerLab.explore;
  it('fill in defaults and check ranges and workloads', () => {
    if (setup === undefined) throw new Error('lab 1 has an explore setup');
    expect(exploreOptions(setup, {})).toEqual({
      servers: 1,
      clients: 1,
      workload: 'put-append-get',
      seed: 0,
      counts: {},
      texts: {},
    });
    expect(() => exploreOptions(setup, { servers: 2 })).toThrow(
      new ExploreOptionError('--servers must be exactly 1 for this lab; got 2'),
    );
    expect(() => exploreOptions(setup, { clients: 9 })).toThrow(/--clients must be from 1 to 3/);
    expect(() => exploreOptions(setup, { workload: 'nope' })).toThrow(
      /unknown workload "nope"; this lab has: put-append-get, different-keys, same-key/,
    );
  });
});

describe('explore from a step of a run', () => {
  it('starts from the nodes, messages in flight and timers of the run at that step', () => {
    const trace = traceOf(pingPongLab.tests[1] as never, 1, '0');
    const recorded = new TimelineIndex(trace.steps?.timelines[0] as StepTimeline);
    for (const position of [0, 7, 40]) {
      const { session } = startExplore(
        labs,
        { kind: 'run', lab: '0', part: 1, test: 2, seed: 1, simulation: 0, position },
        now,
      );
      const start = new TimelineIndex(session.timeline());
      for (const lane of recorded.lanes)
        expect(start.stateAt(lane, 0), `${lane} at step ${position}`).toEqual(
          recorded.stateAt(lane, position),
        );
      const labels = (index: TimelineIndex, at: number): string[] =>
        index
          .pendingAt(at)
          .map(
            (view) =>
              `${view.item.kind} ${view.item.from ?? ''}>${view.item.to} ${JSON.stringify(view.item.value)}`,
          )
          .sort();
      expect(labels(start, 0)).toEqual(labels(recorded, position));
    }
  });

  it('keeps a crashed node down and the partition in force as restrictions', () => {
    const timeline = traceOf(crashScenario, 1, '0').steps?.timelines[0] as StepTimeline;
    const afterCrash =
      timeline.steps.findIndex(
        (step) => step.event.type === 'control' && step.event.action === 'crash',
      ) + 1;
    expect(runStepSystem(crashScenario, 1, undefined, 0, afterCrash).model.settings).toEqual({
      inactiveNodes: ['pingserver'],
    });
    const afterPartition =
      timeline.steps.findIndex(
        (step) => step.event.type === 'control' && step.event.action === 'partition',
      ) + 1;
    expect(runStepSystem(crashScenario, 1, undefined, 0, afterPartition).model.settings).toEqual({
      partition: [['pingserver', 'client1'], ['client2']],
    });
    expect(
      runStepSystem(crashScenario, 1, undefined, 0, timeline.steps.length).model.settings,
    ).toEqual({});
  });
});
