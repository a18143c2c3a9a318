/**
 * `tslabs/trace`: traces and their step-by-step timelines, for the tools that show them (the
 * visualizer, the command line). The versioned trace file, the per-step snapshots recorded
 * while a test runs or a finding is replayed, state snapshots and their patches, and the
 * stepper that takes a node system's events one at a time.
 *
 * @packageDocumentation
 */
export {
  parseTrace,
  serializeTrace,
  TraceFormatError,
  TRACE_FORMAT,
  TRACE_VERSION,
  type Trace,
  type TraceOutcome,
} from './trace-file.ts';
export {
  explanationIn,
  STEPS_PER_TIMELINE_MAX,
  TRACE_STEPS_VERSION,
  type ControlAction,
  type PendingItem,
  type StepEvent,
  type StepTimeline,
  type TimelineStart,
  type TimelineStep,
  type TraceSteps,
  type TraceWithSteps,
} from './trace-steps.ts';
export { validateTraceSteps } from './trace-steps-validation.ts';
export { TraceStepsRecorder } from './trace-steps-recorder.ts';
export { stateJson, type StateJson } from './state-json.ts';
export { applyPatch, diffState, type PatchOperation } from './state-patch.ts';
export { SystemStepper, type SystemFrame } from './system-stepper.ts';
export { runStepSystem, type RunStepSystem } from './run-step-system.ts';
export { controlStep } from './control-step.ts';
export { testTrace } from './test-trace.ts';
