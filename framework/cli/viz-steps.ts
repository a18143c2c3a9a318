import { performance } from 'node:perf_hooks';
import { executeTest, type LabTest, type TestExecution } from '../lab/lab-test.ts';
import { TraceStepsRecorder } from '../trace/trace-steps-recorder.ts';
import type { TraceSteps } from '../trace/trace-steps.ts';

/** Executes a test (again) recording every simulation and search for the visualizer. */
export function recordSteps(
  test: LabTest,
  seed: number,
  variant: string | undefined,
): { steps: TraceSteps; execution: TestExecution } {
  const recorder = new TraceStepsRecorder(true);
  const execution = executeTest(recorder.watch(test), {
    seed,
    ...(variant === undefined ? {} : { variant }),
    onEvent: recorder.onEvent(),
    afterEvent: recorder.afterEvent,
    now: () => performance.now(),
  });
  return { steps: recorder.steps(execution.failure, execution.failureAt), execution };
}

/**
 * The steps of a failed test's trace. A search test's phases were watched while it ran, so
 * its findings are replayed; a run test is executed a second time with recording on (the
 * seed makes it the same execution), so that passing tests never pay for snapshots.
 */
export function failureSteps(
  test: LabTest,
  execution: TestExecution,
  watched: TraceStepsRecorder | undefined,
  seed: number,
  variant: string | undefined,
  warn: (line: string) => void,
): TraceSteps | undefined {
  try {
    if (test.kind === 'search' && watched !== undefined && !watched.isEmpty)
      return watched.steps(execution.failure);
    return recordSteps(test, seed, variant).steps;
  } catch (error) {
    warn(
      `    (the visualizer's steps could not be recorded: ${error instanceof Error ? error.message : String(error)})`,
    );
    return undefined;
  }
}
