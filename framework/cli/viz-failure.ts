import { serializeTrace } from '../trace/trace-file.ts';
import type { TraceWithSteps } from '../trace/trace-steps.ts';
import { serveVisualizer, type VizSession } from './viz-server.ts';

/**
 * `tslabs test --viz`: shows the first failing test. When its last timeline is a search
 * whose goal was not reached, there is no path to show: the page opens explore mode at
 * that phase's start instead, for the student to look for the goal by hand.
 */
export async function visualizeFailure(
  trace: TraceWithSteps | undefined,
  options: { labsModule: string; open: boolean; write: (line: string) => void },
): Promise<void> {
  if (trace === undefined) {
    options.write('--viz: every test passed, nothing to show');
    return;
  }
  const session = failureSession(trace);
  if (session.mode === 'explore')
    options.write(
      `--viz: the goal of the last search of lab ${trace.lab} test ${trace.part}.${trace.test} was not reached: opening explore mode at the start of that search`,
    );
  else options.write(`--viz: opening lab ${trace.lab} test ${trace.part}.${trace.test}`);
  await serveVisualizer({
    session,
    traceText: serializeTrace(trace),
    labsModule: options.labsModule,
    open: options.open,
    write: options.write,
  });
}

/**
 * What the page opens for a failed test's trace: the trace, or explore mode at a search that did
 * not reach its goal.
 */
export function failureSession(trace: TraceWithSteps): VizSession {
  const timelines = trace.steps?.timelines ?? [];
  const timeline = timelines[timelines.length - 1];
  const goalNotReached =
    timeline?.kind === 'search' &&
    timeline.phase !== undefined &&
    timeline.outcome?.failed === true &&
    timeline.predicates.some((predicate) => predicate.kind === 'goal') &&
    /exhausted/.test(timeline.outcome.text);
  if (!goalNotReached) return { mode: 'trace' };
  return {
    mode: 'explore',
    explore: {
      kind: 'test',
      lab: trace.lab,
      ...(trace.variant === undefined ? {} : { variant: trace.variant }),
      part: trace.part,
      test: trace.test,
      seed: trace.seed,
      phase: timeline.phase,
    },
  };
}
