import type { TestExecution } from '../lab/lab-test.ts';
import { storedEvents } from './stored-event.ts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from './trace-file.ts';
import { setupNodes, traceSetup, type TraceTestIdentity } from './trace-setup.ts';

/**
 * The trace of one execution of a test: its identity, seed, setup, events (long values
 * digested) and outcome. It holds no per-step snapshots: the visualizer records those by
 * executing the test again from the seed, so a trace's size grows with its events only.
 */
export function testTrace(
  identity: TraceTestIdentity,
  seed: number,
  execution: TestExecution,
): Trace {
  const { lab, test, variant } = identity;
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    lab: lab.id,
    ...(variant === undefined ? {} : { variant }),
    part: test.part,
    test: test.number,
    description: test.description,
    kind: test.kind,
    seed,
    settings: {},
    setup: traceSetup(identity, setupNodes(execution.nodes, execution.events)),
    events: storedEvents(execution.events),
    ...(execution.searches.length === 0 ? {} : { search: execution.searches }),
    outcome: execution.passed
      ? { passed: true }
      : { passed: false, failure: execution.failure ?? 'failed' },
  };
}
