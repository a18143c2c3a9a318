import { describe, expect, it } from 'vitest';
import { serializeTrace, TraceFormatError } from '../../framework/trace/trace-file.ts';
import { validateTraceSteps } from '../../framework/trace/trace-steps-validation.ts';
import { brokenSearchTest } from '../visualizer/broken-lab.ts';
import { linearizabilityScenario } from '../visualizer/run-scenarios.ts';
import { traceOf } from '../visualizer/broken-trace.ts';

/** A trace's steps as the file holds them (JSON), for a test to spoil. */
function stepsOf(test: Parameters<typeof traceOf>[0]): Record<string, unknown> {
  return (JSON.parse(serializeTrace(traceOf(test, 1))) as { steps: Record<string, unknown> }).steps;
}

function refusal(steps: unknown): string {
  try {
    validateTraceSteps(steps);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the steps to be refused');
}

describe('trace steps validation', () => {
  it('accepts the steps tslabs records, of search and run traces', () => {
    expect(() => validateTraceSteps(stepsOf(brokenSearchTest))).not.toThrow();
    expect(() => validateTraceSteps(stepsOf(linearizabilityScenario))).not.toThrow();
  });

  it('refuses a string timeMs, naming where it is', () => {
    const steps = stepsOf(linearizabilityScenario) as {
      timelines: { kind: string; steps: { event: Record<string, unknown> }[] }[];
    };
    const run = steps.timelines.findIndex(
      (timeline) => timeline.kind === 'run' && timeline.steps.length > 1,
    );
    expect(run).toBeGreaterThanOrEqual(0);
    expect(typeof steps.timelines[run]!.steps[1]!.event.timeMs).toBe('number');
    steps.timelines[run]!.steps[1]!.event.timeMs = '12';
    expect(refusal(steps)).toBe(
      `the trace's steps.timelines[${run}].steps[1].event.timeMs must be a number`,
    );
  });

  it('refuses missing lists, unknown kinds and newer versions', () => {
    expect(refusal({ version: 1 })).toBe("the trace's steps.timelines must be a list");
    expect(refusal({ ...stepsOf(brokenSearchTest), version: 9 })).toContain(
      'steps.version must be a steps version from 1 to 1',
    );
    const steps = stepsOf(brokenSearchTest) as { timelines: Record<string, unknown>[] };
    steps.timelines[0]!.kind = 'film';
    expect(refusal(steps)).toBe('the trace\'s steps.timelines[0].kind must be "run" or "search"');
  });
});
