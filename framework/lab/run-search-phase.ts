import { breadthFirstSearch } from '../search/breadth-first-search.ts';
import type { Model } from '../search/model.ts';
import { minimizeFinding } from '../search/minimize-finding.ts';
import { rejectVacuousPredicates } from '../search/predicate.ts';
import { randomProbeSearch } from '../search/random-probe-search.ts';
import type { SearchOptions, SearchProgress } from '../search/search-options.ts';
import { isFinding } from '../search/search-result.ts';
import { describeException } from './exception-text.ts';
import type { ParallelSearches, PhasePosition } from './parallel-searches.ts';
import type { SearchReport } from './search-report.ts';
import type { LabSearchResult, SearchRequest } from './search-phase.ts';

const DEFAULT_TIME_LIMIT_MS = 10_000;
/** The runner's live line redraws every second; a report at least as often keeps it current. */
const PROGRESS_INTERVAL_MS = 1_000;

/** What the runner lends a search: its clock and its progress display. */
export interface SearchEnvironment {
  readonly now: (() => number) | undefined;
  readonly onProgress: ((description: string, progress: SearchProgress) => void) | undefined;
  /** Seeds random probes: the test's seed. */
  readonly seed: number;
  /** `--checks`: searches of node systems run their self-tests on every new transition. */
  readonly checks: boolean;
  /**
   * `--max-memory`: a search that passes this ends as "memory exhausted" rather than kill the
   * process.
   */
  readonly memoryLimitBytes?: number;
  /**
   * The process's memory in use, which the limit is checked against (else the search estimates it).
   */
  readonly memoryBytes?: () => number;
  /** `--workers N`: threads to search on, and where this phase is in its test for them. */
  readonly parallel?: { readonly searches: ParallelSearches; readonly position: PhasePosition };
}

/** Runs one search phase of a test with the requested strategy and limits. */
export function runSearchPhase<State, Event>(
  request: SearchRequest<State, Event>,
  environment: SearchEnvironment,
): LabSearchResult<State, Event> {
  for (const start of request.start === undefined
    ? request.model.initialStates()
    : [request.start.state])
    rejectVacuousPredicates(request.predicates, start);
  const model = environment.checks
    ? (request.model.withChecks?.() ?? request.model)
    : request.model;
  const onProgress = environment.onProgress;
  const options: SearchOptions<State, Event> = {
    ...(request.start === undefined ? {} : { start: request.start }),
    ...(request.depthLimit === undefined ? {} : { depthLimit: request.depthLimit }),
    ...(request.stateLimit === undefined ? {} : { stateLimit: request.stateLimit }),
    ...(environment.now === undefined
      ? {}
      : {
          now: environment.now,
          timeLimitMs: request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
          progressIntervalMs: PROGRESS_INTERVAL_MS,
        }),
    ...(onProgress === undefined
      ? {}
      : { onProgress: (progress: SearchProgress) => onProgress(request.description, progress) }),
    ...(environment.memoryLimitBytes === undefined
      ? {}
      : { memoryLimitBytes: environment.memoryLimitBytes }),
    ...(environment.memoryBytes === undefined ? {} : { memoryBytes: environment.memoryBytes }),
  };
  const probeOptions = {
    ...options,
    seed: environment.seed,
    ...(request.probes === undefined ? {} : { probeLimit: request.probes }),
  };
  const parallel = environment.parallel;
  const searched =
    request.strategy === 'breadth-first'
      ? breadthFirstSearch(model, request.predicates, options)
      : (parallel?.searches.randomProbes(parallel.position, request, model, probeOptions) ??
        randomProbeSearch(model, request.predicates, probeOptions));
  // Random probes wander: their findings are cut down to the events the failure needs.
  const result =
    request.strategy === 'random' && isFinding(searched) && searched.outcome !== 'goal found'
      ? { ...searched, ...minimizeFinding(model, searched, request.predicates) }
      : searched;
  const describedPath = isFinding(result)
    ? result.path.map((event) => request.model.describeEvent(event))
    : [];
  return { ...result, request, describedPath };
}

/** The summary of a phase that the runner prints and saves. */
export function searchReport<State, Event>(result: LabSearchResult<State, Event>): SearchReport {
  const predicate =
    isFinding(result) && result.outcome !== 'exception thrown'
      ? {
          predicate: result.predicate.name,
          ...(result.detail === undefined ? {} : { detail: result.detail }),
        }
      : {};
  // With the lab's stack frames, so that a saved trace names the student's file and line too.
  const exception =
    result.outcome === 'exception thrown'
      ? {
          ...(result.predicate === undefined ? {} : { predicate: result.predicate.name }),
          detail: describeException(result.error),
        }
      : {};
  return {
    description: result.request.description,
    strategy: result.request.strategy,
    outcome: result.outcome,
    states: result.uniqueStates,
    depth: result.depthReached,
    elapsedMs: result.elapsedMs,
    events: result.transitions,
    ...(result.probes === undefined ? {} : { probes: result.probes }),
    ...predicate,
    ...exception,
    path: result.describedPath,
    ...(isFinding(result)
      ? { pathKeys: result.path.map((event) => eventKey(result.request.model, event)) }
      : {}),
    ...(result.request.model.nodeNames === undefined
      ? {}
      : { nodes: result.request.model.nodeNames.all() }),
  };
}

/** The model's complete key of an event, or its description when it has none. */
export function eventKey<State, Event>(model: Model<State, Event>, event: Event): string {
  return model.eventKey?.(event) ?? model.describeEvent(event);
}
