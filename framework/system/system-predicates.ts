import { goal, invariant, prune, type Predicate } from '../search/predicate.ts';
import { appendsLinearizableProblem, resultsOkProblem } from './client-problems.ts';
import type { SystemState } from './system-state.ts';

/** Invariant: every result a client worker received is the one its workload expects. */
export const RESULTS_OK: Predicate<SystemState> = {
  ...invariant<SystemState>('results OK', (state) => {
    for (const worker of state.clientWorkers()) {
      const problem = resultsOkProblem(worker);
      if (problem !== undefined) return problem;
    }
    return true;
  }),
  vacuousFrom: (start) =>
    start.clientWorkers().some((worker) => worker.expectsResults)
      ? undefined
      : 'no client workload has expected results',
};

/** Goal: every client worker has finished its workload. */
export const CLIENTS_DONE: Predicate<SystemState> = goal('clients done', (state) =>
  state.clientsDone(),
);

/**
 * Prune: do not expand states where every client worker has finished. Named apart from the
 * goal {@link CLIENTS_DONE}, so that a list of a search's predicates tells them apart.
 */
export const CLIENTS_DONE_PRUNE: Predicate<SystemState> = prune(
  'prune when clients done',
  (state) => state.clientsDone(),
);

/**
 * Invariant: appends of unique values to one key form a chain of prefixes (see
 * appendsLinearizableProblem).
 */
export const APPENDS_LINEARIZABLE: Predicate<SystemState> = invariant(
  'appends linearizable',
  (state) => appendsLinearizableProblem(state.clientWorkers()) ?? true,
);
