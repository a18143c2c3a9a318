import { describe, expect, it } from 'vitest';
import { registerStateClass } from '../../framework/index.ts';
import { executeTest } from '../../framework/testing.ts';
import { TraceStepsRecorder } from '../../framework/trace/trace-steps-recorder.ts';
import { applyPatch, diffState } from '../../framework/trace/state-patch.ts';
import { stateJson, type StateJson } from '../../framework/trace/state-json.ts';
import type { StepTimeline } from '../../framework/trace/trace-steps.ts';
import { pingPongLab } from '../../labs/pingpong/index.ts';
import { TimelineIndex } from '../../visualizer/app/timeline-index.ts';
import { brokenSearchTest } from './broken-lab.ts';
import { traceOf } from './broken-trace.ts';
import { crashScenario, linearizabilityScenario, linkScenario } from './run-scenarios.ts';

class Account {
  balance = 3;
  readonly history = new Map<string, number>([['open', 1]]);
}
registerStateClass('TestAccount', Account);

describe('stateJson', () => {
  it('spells Maps, Sets, undefined and registered classes, and shortens long strings and collections', () => {
    const value = {
      account: new Account(),
      tags: new Set(['a', 'b']),
      missing: undefined,
      long: 'x'.repeat(1000),
      many: Array.from({ length: 250 }, (_, index) => index),
    };
    const json = stateJson(value) as Record<string, StateJson>;
    expect(json.account).toEqual({
      $class: 'TestAccount',
      balance: 3,
      history: { $type: 'Map', entries: [['open', 1]] },
    });
    expect(json.tags).toEqual({ $type: 'Set', values: ['a', 'b'] });
    expect(json.missing).toEqual({ $type: 'undefined' });
    expect(json.long).toBe(`${'x'.repeat(60)}…(1000 chars)`);
    expect((json.many as StateJson[]).length).toBe(201);
    expect((json.many as StateJson[])[200]).toEqual({ $type: 'more', count: 50 });
  });

  it('marks cycles instead of failing', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(stateJson(cyclic)).toEqual({ self: { $type: 'cycle' } });
  });
});

describe('state patches', () => {
  const cases: [string, StateJson, StateJson][] = [
    ['a changed field', { a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' } }],
    ['an appended element', { list: [1, 2] }, { list: [1, 2, 3] }],
    ['a shrunk list', { list: [1, 2, 3] }, { list: [1] }],
    [
      'a Map entry changed and one added',
      { $type: 'Map', entries: [['k', 1]] },
      {
        $type: 'Map',
        entries: [
          ['k', 2],
          ['j', 3],
        ],
      },
    ],
    [
      'a Map entry changed in place',
      {
        m: {
          $type: 'Map',
          entries: [
            ['k', { v: 1 }],
            ['j', 2],
          ],
        },
      },
      {
        m: {
          $type: 'Map',
          entries: [
            ['k', { v: 5 }],
            ['j', 2],
          ],
        },
      },
    ],
    ['a Set grown', { $type: 'Set', values: ['a'] }, { $type: 'Set', values: ['a', 'b'] }],
    ['a field added', { a: 1 }, { a: 1, b: 2 }],
    ['a container replaced by a leaf', { a: { b: 1 } }, { a: null }],
  ];
  for (const [name, before, after] of cases) {
    it(`rebuild the state after ${name}`, () => {
      expect(applyPatch(before, diffState(before, after))).toEqual(after);
    });
  }

  it('are empty for equal states and name only what changed', () => {
    expect(diffState({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(diffState({ a: 1, b: { c: 'x', d: 4 } }, { a: 1, b: { c: 'y', d: 4 } })).toEqual([
      { path: ['b', 'c'], value: 'y' },
    ]);
  });
});

describe('search timelines', () => {
  const timeline = traceOf(brokenSearchTest, 1).steps?.timelines[0] as StepTimeline;

  it('replay the shortest finding: the request delivered twice, then the wrong reply', () => {
    expect(timeline.kind).toBe('search');
    expect(timeline.lanes).toEqual(['server', 'client1']);
    expect(
      timeline.steps.map(
        (step) => `${step.event.type} ${step.event.type === 'control' ? '' : step.event.item}`,
      ),
    ).toEqual(['deliver m0', 'deliver m0', 'deliver m2']);
    expect(timeline.predicates).toEqual([
      { name: 'results OK', kind: 'invariant' },
      { name: 'clients done', kind: 'goal' },
    ]);
    expect(timeline.outcome?.failed).toBe(true);
    expect(timeline.outcome?.text).toContain('invariant "results OK" violated');
  });

  it('record each step verdict and the changed node state only', () => {
    expect(timeline.start.verdicts).toEqual([true, false]);
    expect(timeline.steps.map((step) => step.verdicts?.[0] === true)).toEqual([true, true, false]);
    expect(Object.keys(timeline.steps[1]?.states ?? {})).toEqual(['server']);
    expect((timeline.steps[1]?.states?.server as Record<string, StateJson>).executed).toBe(2);
    expect(Object.keys(timeline.steps[2]?.states ?? {})).toEqual(['client1']);
  });
});

describe('run timelines', () => {
  it('have one step per event of the trace, each delivery consuming an item sent earlier', () => {
    const trace = traceOf(pingPongLab.tests[2] as never, 1, '0');
    const timeline = trace.steps?.timelines[0] as StepTimeline;
    // The nodes the run starts with are added before the first step: they are its start.
    const events = (trace.events[0] ?? []).filter(
      (event) => !(event.type === 'control' && event.action === 'add' && event.timeMicros === 0),
    );
    expect(timeline.steps.length).toBe(events.length);
    timeline.steps.forEach((step, index) =>
      expect(step.event.type).toBe((events[index] as { type: string }).type),
    );
    const index = new TimelineIndex(timeline);
    timeline.steps.forEach((step, position) => {
      if (step.event.type === 'control') return;
      expect(index.addedAt(step.event.item)).toBeLessThanOrEqual(position + 1);
    });
    expect(index.pendingAt(index.rows - 1).filter((view) => view.item.kind === 'message')).toEqual(
      [],
    );
  });

  it('mark crashes, restarts and partitions, and take a crashed node timers away at the crash', () => {
    const timeline = traceOf(crashScenario, 1, '0').steps?.timelines[0] as StepTimeline;
    const controls = timeline.steps
      .filter((step) => step.event.type === 'control')
      .map(
        (step) =>
          step.event.type === 'control' && `${step.event.action} ${step.event.nodes.join(',')}`,
      );
    expect(controls).toEqual([
      'crash pingserver',
      'restart pingserver',
      'partition pingserver,client1,client2',
      'heal ',
    ]);
    const crash =
      timeline.steps.findIndex(
        (step) => step.event.type === 'control' && step.event.action === 'crash',
      ) + 1;
    const index = new TimelineIndex(timeline);
    expect(
      index
        .pendingAt(crash)
        .some((view) => view.item.kind === 'timer' && view.item.to === 'pingserver'),
    ).toBe(false);
    const restart =
      timeline.steps.findIndex(
        (step) => step.event.type === 'control' && step.event.action === 'restart',
      ) + 1;
    const whileDown = timeline.steps
      .slice(crash, restart - 1)
      .filter((step) => step.event.type !== 'control' && step.event.to === 'pingserver');
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.every((step) => step.event.type === 'drop')).toBe(true);
    expect(
      index.marks
        .filter((mark) => mark.kind === 'crash' || mark.kind === 'restart')
        .map((mark) => mark.kind),
    ).toEqual(['crash', 'restart']);
  });

  it('mark cut and restored links and a node added mid-run, with its state from its init()', () => {
    const timeline = traceOf(linkScenario, 1, '0').steps?.timelines[0] as StepTimeline;
    const controls = timeline.steps.flatMap((step, index) =>
      step.event.type === 'control' ? [{ index, event: step.event, states: step.states }] : [],
    );
    expect(controls.map(({ event }) => [event.action, event.nodes, event.active])).toEqual([
      ['link', ['client1', 'pingserver'], false],
      ['link', ['client1', 'pingserver'], true],
      ['add', ['client3'], undefined],
    ]);
    expect(controls.map(({ event }) => event.label)).toEqual([
      'cut link client1 -> pingserver',
      'restore link client1 -> pingserver',
      'add client3',
    ]);
    expect(timeline.lanes).toEqual(['pingserver', 'client1', 'client2', 'client3']);
    expect(Object.keys(timeline.start.states)).toEqual(['pingserver', 'client1', 'client2']);
    const added = controls[2] as (typeof controls)[number];
    expect(added.states?.client3).toMatchObject({ $class: 'ClientWorker', nextIndex: 1 });
    const index = new TimelineIndex(timeline);
    expect(
      index.marks
        .filter((mark) => mark.kind === 'link-cut' || mark.kind === 'link-restore')
        .map((mark) => [mark.kind, mark.lane, mark.toLane]),
    ).toEqual([
      ['link-cut', 1, 0],
      ['link-restore', 1, 0],
    ]);
  });

  it('carry the history checker explanation of a failed check', () => {
    const trace = traceOf(linearizabilityScenario, 1, '0');
    const timeline = trace.steps?.timelines[0] as StepTimeline;
    expect(timeline.outcome?.failed).toBe(true);
    expect(timeline.explanation?.split('\n')[0]).toBe('all operations: not linearizable.');
    expect(timeline.explanation).toContain('ReadResult');
  });

  it('are recorded only for watched runs: a search-only watch records no simulation', () => {
    const recorder = new TraceStepsRecorder(false);
    executeTest(recorder.watch(pingPongLab.tests[0] as never), {
      seed: 1,
      onEvent: recorder.onEvent(),
      afterEvent: recorder.afterEvent,
    });
    expect(recorder.isEmpty).toBe(true);
  });
});
