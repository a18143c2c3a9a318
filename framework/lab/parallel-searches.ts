import type { Model } from '../search/model.ts';
import type { RandomProbeOptions } from '../search/random-probe-search.ts';
import type { SearchResult } from '../search/search-result.ts';
import type { SearchReport } from './search-report.ts';
import type { SearchRequest } from './search-phase.ts';

/** Where a search phase is in its test: what threads need to reach the same phase again. */
export interface PhasePosition {
  /** The phase's index in the test, from 0. */
  readonly index: number;
  /**
   * The phases before it, as reports: a thread that runs the test again replays their
   * findings (`TestExecutionOptions.replaySearches`), and so reaches this phase with the
   * same start state.
   */
  readonly earlier: readonly SearchReport[];
}

/**
 * Searches on several threads, lent to a test's execution by the runner that has them
 * (the command line, `--workers N`): the lab layer has no threads of its own. A thread
 * cannot be handed a model or predicates (they hold the lab's code), so the runner's threads
 * rebuild the phase by running the same test to the same phase; the runner knows which test
 * it runs and where its labs module is.
 */
export interface ParallelSearches {
  /**
   * Runs a random phase's probes over the runner's threads and returns the earliest finding
   * in their common order (search/parallel/probe-share.ts), rebuilt over `request.model`, or
   * undefined to have the phase run here as usual. The caller minimizes a finding as it
   * would one thread's.
   */
  randomProbes<State, Event>(
    position: PhasePosition,
    request: SearchRequest<State, Event>,
    /** The model to search: the request's, with its self-tests on under `--checks`. */
    model: Model<State, Event>,
    options: RandomProbeOptions<State, Event>,
  ): SearchResult<State, Event> | undefined;
}
