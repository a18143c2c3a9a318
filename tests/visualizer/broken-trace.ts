import { executeTest, type LabTest } from '../../framework/testing.ts';
import { TraceStepsRecorder } from '../../framework/trace/trace-steps-recorder.ts';
import { testTrace } from '../../framework/trace/test-trace.ts';
import { findLab } from '../../framework/lab/lab-registry.ts';
import { labs } from '../../labs/index.ts';
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
  // A lab outside the registry is one of its own: the trace's setup names it and this test.
  const identity = {
    lab: findLab(labs, lab) ?? { id: lab, name: lab, title: lab, tests: [test] },
    test,
  };
  return {
    ...testTrace({ ...identity, variant: undefined }, seed, execution),
    steps: recorder.steps(execution.failure, execution.failureAt),
  };
}
