import type { Predicate } from './predicate.ts';

/** How a search ended; every search ends with exactly one of these. */
export type SearchOutcome =
  | 'space exhausted'
  | 'time exhausted'
  | 'memory exhausted'
  | 'invariant violated'
  | 'goal found'
  | 'exception thrown';

/**
 * The budget that ended a search before it covered the space. Time, states and probes end
 * it as "time exhausted", memory as "memory exhausted" (the search stopped rather than let
 * the process die of it); a depth limit makes "space exhausted" mean "exhausted up to that
 * depth".
 */
export type SearchLimit = 'time' | 'states' | 'memory' | 'probes' | 'depth';

/** Figures every search reports, whatever its outcome. */
export interface SearchStatistics {
  /** Distinct states seen (by fingerprint), initial states included. */
  readonly uniqueStates: number;
  /** Events applied, including those that led to states already seen. */
  readonly transitions: number;
  /** Random probes: how many probes the search started (absent for other strategies). */
  readonly probes?: number;
  /** The greatest depth (events from the start state) of a state the search reached. */
  readonly depthReached: number;
  /** Wall time spent, when the search was given a clock. */
  readonly elapsedMs: number | undefined;
}

/**
 * Where a path begins and ends: `path` leads from `initial` (an initial state of the model)
 * to `state`. A finding is one, so a later search can start where an earlier one stopped.
 */
export interface PathEnd<State, Event> {
  readonly initial: State;
  readonly path: readonly Event[];
  readonly state: State;
}

/** A state where a predicate fired (an invariant was violated, or a goal reached). */
export interface PredicateFinding<State, Event> extends PathEnd<State, Event> {
  readonly outcome: 'invariant violated' | 'goal found';
  readonly predicate: Predicate<State>;
  /** The predicate's explanation, when its test returned one. */
  readonly detail: string | undefined;
}

/**
 * A transition that threw. Its `path` leads from `initial` through `state` and ends with
 * the throwing `event`, so that replaying the path throws again.
 *
 * Or, with `predicate`, an invariant, goal or prune that threw when tested on `state`:
 * then `path` leads to `state` itself, and `event` is the path's last event (undefined
 * for a start state). A predicate is code too, and its exception is a finding like a
 * handler's, not an error that ends the search without its path.
 */
export interface ExceptionFinding<State, Event> {
  readonly outcome: 'exception thrown';
  readonly initial: State;
  readonly path: readonly Event[];
  /** The state the throwing event was applied to, or the throwing predicate tested. */
  readonly state: State;
  readonly event: Event | undefined;
  readonly error: unknown;
  /** The predicate that threw, if the exception was a predicate's. */
  readonly predicate?: Predicate<State>;
}

/** A finding: something a search reports with a path that reproduces it. */
export type Finding<State, Event> = PredicateFinding<State, Event> | ExceptionFinding<State, Event>;

/** The outcomes of a search that ended without a finding. */
export type ExhaustedOutcome = 'space exhausted' | 'time exhausted' | 'memory exhausted';

/** A search that ended without a finding. */
export interface Exhaustion {
  readonly outcome: ExhaustedOutcome;
  /** The budget that ended the search; absent when the whole space was explored. */
  readonly limit: SearchLimit | undefined;
}

/** The result of a search: its outcome, with a finding's details, and its statistics. */
export type SearchResult<State, Event> = (Finding<State, Event> | Exhaustion) & SearchStatistics;

/** Whether a search result carries a finding. */
export function isFinding<State, Event>(
  result: SearchResult<State, Event>,
): result is Finding<State, Event> & SearchStatistics {
  return (
    result.outcome !== 'space exhausted' &&
    result.outcome !== 'time exhausted' &&
    result.outcome !== 'memory exhausted'
  );
}
