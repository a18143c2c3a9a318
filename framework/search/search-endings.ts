import type { PredicateFiring } from './predicate.ts';
import type { PredicateError } from './predicate-set.ts';
import type {
  ExhaustedOutcome,
  SearchLimit,
  SearchResult,
  SearchStatistics,
} from './search-result.ts';

/** The result of a search that reached a state where a predicate fired. */
export function predicateEnding<State, Event>(
  firing: PredicateFiring<State>,
  initial: State,
  path: readonly Event[],
  state: State,
  statistics: SearchStatistics,
): SearchResult<State, Event> {
  const outcome = firing.predicate.kind === 'invariant' ? 'invariant violated' : 'goal found';
  return {
    outcome,
    predicate: firing.predicate,
    detail: firing.detail,
    initial,
    path,
    state,
    ...statistics,
  };
}

/** The result of a search in which `event`, applied to `state`, threw; `path` ends with it. */
export function exceptionEnding<State, Event>(
  initial: State,
  path: readonly Event[],
  state: State,
  event: Event,
  error: unknown,
  statistics: SearchStatistics,
): SearchResult<State, Event> {
  return { outcome: 'exception thrown', initial, path, state, event, error, ...statistics };
}

/**
 * The result of a search in which a predicate threw when tested on `state`, which `path` leads to.
 */
export function predicateExceptionEnding<State, Event>(
  error: PredicateError<State>,
  initial: State,
  path: readonly Event[],
  state: State,
  statistics: SearchStatistics,
): SearchResult<State, Event> {
  return {
    outcome: 'exception thrown',
    initial,
    path,
    state,
    event: path.at(-1),
    error: error.cause,
    predicate: error.predicate,
    ...statistics,
  };
}

/** The result of a search that ended without a finding. */
export function exhaustedEnding<State, Event>(
  outcome: ExhaustedOutcome,
  limit: SearchLimit | undefined,
  statistics: SearchStatistics,
): SearchResult<State, Event> {
  return { outcome, limit, ...statistics };
}

/**
 * The outcome of a search that a budget stopped: "memory exhausted" for memory, else "time
 * exhausted".
 */
export function limitOutcome(limit: SearchLimit): 'time exhausted' | 'memory exhausted' {
  return limit === 'memory' ? 'memory exhausted' : 'time exhausted';
}
