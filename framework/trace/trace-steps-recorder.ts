import type { FailureLocation } from '../lab/check-failure.ts';
import type { LabTest, TestContext } from '../lab/lab-test.ts';
import type { LabSearchResult, SearchRequest } from '../lab/search-phase.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';
import { RunTimelineBuilder } from './run-timeline-builder.ts';
import { searchTimeline } from './search-timeline.ts';
import { isFinding } from '../search/search-result.ts';
import {
  explanationIn,
  TRACE_STEPS_VERSION,
  type StepTimeline,
  type TraceSteps,
} from './trace-steps.ts';

/**
 * Watches one execution of a test and turns it into {@link TraceSteps}: it wraps the test's
 * context so that it sees every simulation and every search phase the test creates. Pass
 * `watch(test)` to `executeTest`, with `onEvent` and `afterEvent` as its callbacks.
 *
 * Recording a run costs a JSON snapshot per handled event, so runners record runs only when
 * they will save the result (typically by executing a failed test a second time, which the
 * seed makes identical); watching searches costs nothing but keeping their results.
 */
export class TraceStepsRecorder {
  private readonly runs: RunTimelineBuilder[] = [];
  private readonly searches: LabSearchResult<unknown, unknown>[] = [];
  private current: RunTimelineBuilder | undefined;

  constructor(private readonly recordRuns: boolean) {}

  /** The test, with its context's `simulation` and `search` watched. */
  watch(test: LabTest): LabTest {
    return {
      number: test.number,
      part: test.part,
      description: test.description,
      points: test.points,
      kind: test.kind,
      run: (context) => test.run(this.watchedContext(context)),
    };
  }

  /** The `onEvent` callback for the execution (chains to `next`, the runner's own). */
  onEvent(next?: (event: SimulationEvent) => void): ((event: SimulationEvent) => void) | undefined {
    if (!this.recordRuns) return next;
    return (event) => {
      this.current?.onEvent(event);
      next?.(event);
    };
  }

  /** The `afterEvent` callback for the execution. */
  readonly afterEvent = (event: SimulationEvent, simulation: Simulation): void => {
    if (this.current?.simulation === simulation) this.current.afterEvent(event);
  };

  /** The recorders of the simulations the test created, in order. */
  get runBuilders(): readonly RunTimelineBuilder[] {
    return this.runs;
  }

  /** Whether the test created any simulation or ran any search that can be shown. */
  get isEmpty(): boolean {
    return this.runs.length === 0 && this.searches.length === 0;
  }

  /**
   * The timelines: each simulation, then each search phase that found something, and the
   * last phase if it found nothing (a goal not reached: the visualizer explores from it).
   * The test's failure becomes the outcome of the last run timeline.
   */
  steps(failure: string | undefined, failureAt?: FailureLocation): TraceSteps {
    const explanation = explanationIn(failure);
    const timelines: StepTimeline[] = this.runs.map((builder, index) => {
      const last = index === this.runs.length - 1 && this.searches.length === 0;
      const outcome = last
        ? { text: failure ?? 'the checks passed', failed: failure !== undefined }
        : undefined;
      return builder.timeline(
        outcome,
        last ? explanation : undefined,
        last ? failureAt : undefined,
      );
    });
    this.searches.forEach((result, phase) => {
      if (isFinding(result) || phase === this.searches.length - 1)
        timelines.push(searchTimeline(result, phase));
    });
    return { version: TRACE_STEPS_VERSION, timelines };
  }

  private watchedContext(context: TestContext): TestContext {
    return {
      seed: context.seed,
      variant: context.variant,
      simulation: (network) => {
        const simulation = context.simulation(network);
        if (this.recordRuns) {
          this.current = new RunTimelineBuilder(simulation, `simulation ${this.runs.length + 1}`);
          this.runs.push(this.current);
        }
        return simulation;
      },
      note: (text) => context.note(text),
      search: <State, Event>(
        request: SearchRequest<State, Event>,
      ): LabSearchResult<State, Event> => {
        const result = context.search(request);
        this.searches.push(result);
        return result;
      },
    };
  }
}
