import { executeTest, type LabTest } from '../../framework/testing.ts';
import { TraceStepsRecorder } from '../../framework/trace/trace-steps-recorder.ts';
import { TRACE_FORMAT, TRACE_VERSION } from '../../framework/trace/trace-file.ts';
import type { TraceWithSteps } from '../../framework/trace/trace-steps.ts';

/**
 * Runs a test (of a lab outside the registry, say) with the steps recorder and builds the
 * trace `--save-traces` would write for it.
 */
export function traceOf(test: LabTest, seed: number, lab = '1'): TraceWithSteps {
  const recorder = new TraceStepsRecorder(true);
  const execution = executeTest(recorder.watch(test), {
    seed,
    onEvent: recorder.onEvent(),
    afterEvent: recorder.afterEvent,
    recordEvents: true,
  });
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    lab,
    part: test.part,
    test: test.number,
    description: test.description,
    kind: test.kind,
    seed,
    settings: {},
    events: execution.events,
    ...(execution.searches.length === 0 ? {} : { search: execution.searches }),
    outcome: execution.passed
      ? { passed: true }
      : { passed: false, failure: execution.failure ?? 'failed' },
    steps: recorder.steps(execution.failure, execution.failureAt),
  };
}
