import { describe, expect, it } from 'vitest';
import { TimelineIndex } from '../../visualizer/app/timeline-index.ts';
import { brokenRunTests } from '../visualizer/broken-lab.ts';
import { traceOf } from '../visualizer/broken-trace.ts';

describe('go to violation on a run trace', () => {
  it('opens at the step where the wrong result was delivered, not at the last step', () => {
    // Lab 1 test 3.2 on a server that applies a retried append twice: client1's third result is
    // wrong.
    const test = brokenRunTests.find(
      (candidate) => candidate.part === 3 && candidate.number === 2,
    )!;
    const trace = traceOf(test, 1);
    expect(trace.outcome.failure).toMatch(/^client1 command 3 /);
    const timeline = trace.steps!.timelines.at(-1)!;
    const step = timeline.violationStep!;
    expect(timeline.steps[step]?.event).toMatchObject({
      type: 'deliver',
      to: 'client1',
      timeMs: 20.745,
    });
    expect(step).toBeLessThan(timeline.steps.length - 1);
    expect(new TimelineIndex(timeline).violationPosition()).toBe(step + 1);
  });
});
