import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Address, rootAddress } from '../../framework/index.ts';
import { executeTest } from '../../framework/testing.ts';
import { stateJson, type StateJson } from '../../framework/trace/state-json.ts';
import { TraceStepsRecorder } from '../../framework/trace/trace-steps-recorder.ts';
import { isTimelineStep } from '../../framework/trace/run-timeline-builder.ts';
import type { StepTimeline } from '../../framework/trace/trace-steps.ts';
import { ROW_HEIGHT, scrollToShow, visibleRows } from '../../visualizer/app/diagram-geometry.ts';
import { changedPaths, childPath, ROOT_PATH } from '../../visualizer/app/state-diff.ts';
import { lastAtOrBefore, TimelineIndex } from '../../visualizer/app/timeline-index.ts';
import { formatValue, readableValue } from '../../visualizer/app/value-format.ts';
import { brokenSearchTest } from './broken-lab.ts';
import { traceOf } from './broken-trace.ts';
import { crashScenario } from './run-scenarios.ts';
import { pingPongLab } from '../../labs/pingpong/index.ts';

const path = (...segments: string[]): string => segments.reduce(childPath, ROOT_PATH);

describe('changed fields', () => {
  it('are the changed leaves and every container on the way to them', () => {
    const before = {
      executed: 1,
      store: { $class: 'KVStore', values: { $type: 'Map', entries: [['foo', 'x']] } },
      name: 'a',
    };
    const after = {
      executed: 2,
      store: { $class: 'KVStore', values: { $type: 'Map', entries: [['foo', 'xx']] } },
      name: 'a',
    };
    expect([...changedPaths(before, after)].sort()).toEqual(
      [
        ROOT_PATH,
        path('executed'),
        path('store'),
        path('store', 'values'),
        path('store', 'values', '"foo"'),
      ].sort(),
    );
  });

  it('follow Map entries by key, so an insertion marks only the new entry', () => {
    const before = {
      $type: 'Map',
      entries: [
        ['b', 1],
        ['c', 2],
      ],
    };
    const after = {
      $type: 'Map',
      entries: [
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ],
    };
    expect([...changedPaths(before, after)].sort()).toEqual([ROOT_PATH, path('"a"')].sort());
  });

  it('are none between equal states', () => {
    expect(changedPaths({ a: [1, { b: null }] }, { a: [1, { b: null }] }).size).toBe(0);
  });
});

describe('value text', () => {
  it('reads tagged objects as calls and summarizes containers', () => {
    expect(
      readableValue({
        kind: 'Request',
        command: { kind: 'Append', key: 'foo', value: 'x' },
        sequenceNumber: 1,
      }),
    ).toBe('Request(command: Append(key: "foo", value: "x"), sequenceNumber: 1)');
    expect(readableValue({ $type: 'Map', entries: [['k', { $type: 'Set', values: [1] }]] })).toBe(
      'Map{"k" → Set{1}}',
    );
    expect(formatValue({ $type: 'Map', entries: [[1, 2]] })).toBe('Map(1)');
    expect(formatValue({ $class: 'KVStore', values: null })).toBe('KVStore {1 field}');
    expect(formatValue({ $type: 'undefined' })).toBe('undefined');
    expect(readableValue({ kind: 'Long', text: 'y'.repeat(500) }, 40)).toHaveLength(40);
  });
});

describe('diagram geometry', () => {
  it('draws the visible rows and a margin, within the trace', () => {
    expect(visibleRows(0, 10 * ROW_HEIGHT, 10_000)).toEqual({ first: 0, last: 22 });
    expect(visibleRows(5000 * ROW_HEIGHT, 20 * ROW_HEIGHT, 10_000)).toEqual({
      first: 4988,
      last: 5032,
    });
    expect(visibleRows(0, 1000, 3)).toEqual({ first: 0, last: 2 });
  });

  it('scrolls only when the current row is out of view', () => {
    expect(scrollToShow(3, 0, 20 * ROW_HEIGHT)).toBeUndefined();
    expect(scrollToShow(500, 0, 20 * ROW_HEIGHT)).toBe(
      500 * ROW_HEIGHT - Math.floor((20 * ROW_HEIGHT) / 3),
    );
  });
});

describe('timeline index', () => {
  it('draws the broken search as two lanes and three arrows, the second a duplicate', () => {
    const index = new TimelineIndex(
      traceOf(brokenSearchTest, 1).steps?.timelines[0] as StepTimeline,
    );
    expect(index.lanes).toEqual(['server', 'client1']);
    expect(
      index.arrows.map(
        (arrow) =>
          `${arrow.kind} ${arrow.fromLane}->${arrow.toLane} ${arrow.startRow}-${arrow.endRow}`,
      ),
    ).toEqual(['deliver 1->0 0-1', 'duplicate 1->0 0-2', 'deliver 0->1 2-3']);
    expect(index.violationPosition()).toBe(3);
    expect(index.deliveriesUpTo('m0', 2)).toBe(2);
    expect(index.pendingAt(3).map((view) => view.item.id)).toEqual([
      'm0',
      't0',
      'm1',
      'm2',
      'm3',
      't1',
    ]);
  });

  const runTimeline = traceOf(pingPongLab.tests[2] as never, 1, '0').steps
    ?.timelines[0] as StepTimeline;
  const runIndex = new TimelineIndex(runTimeline);

  it('answers pending items from checkpoints as a replay from the start would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: runIndex.rows - 1 }), (position) => {
        const live: string[] = runTimeline.start.added.map((item) => item.id);
        for (const step of runTimeline.steps.slice(0, position)) {
          for (const item of step.added ?? []) live.push(item.id);
          for (const id of step.removed ?? []) live.splice(live.indexOf(id), 1);
        }
        expect(
          runIndex
            .pendingAt(position)
            .map((view) => view.item.id)
            .sort(),
        ).toEqual(live.sort());
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('finds the arrows and marks of any window as a scan of all of them would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: runIndex.rows - 1 }),
        fc.integer({ min: 0, max: 80 }),
        (first, span) => {
          const last = first + span;
          expect(runIndex.arrowsIn(first, last).length).toBe(
            runIndex.arrows.filter((arrow) => arrow.startRow <= last && arrow.endRow >= first)
              .length,
          );
          expect(runIndex.marksIn(first, last).length).toBe(
            runIndex.marks.filter((mark) => mark.row >= first && mark.row <= last).length,
          );
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });

  it('rebuilds every state stored as a patch exactly as the node was', () => {
    const recorder = new TraceStepsRecorder(true);
    const expected: { position: number; address: string; state: StateJson }[] = [];
    const recordEvent = recorder.onEvent();
    let steps = 0;
    executeTest(recorder.watch(crashScenario), {
      seed: 1,
      onEvent: (event) => {
        if (isTimelineStep(event, steps)) steps++;
        recordEvent?.(event);
      },
      afterEvent: (event, simulation) => {
        recorder.afterEvent(event, simulation);
        const address = rootAddress((event as { to: Address }).to);
        expected.push({
          position: steps,
          address,
          state: stateJson(simulation.node(address)),
        });
      },
    });
    const timeline = recorder.steps(undefined).timelines[0] as StepTimeline;
    expect(timeline.steps.some((step) => step.patches !== undefined)).toBe(true);
    const index = new TimelineIndex(timeline);
    for (const { position, address, state } of expected)
      expect(index.stateAt(address, position)).toEqual(state);
  });

  it('binary-searches positions', () => {
    expect(lastAtOrBefore([0, 3, 7], 5)).toBe(1);
    expect(lastAtOrBefore([0, 3, 7], 7)).toBe(2);
    expect(lastAtOrBefore([2], 1)).toBe(-1);
  });
});
