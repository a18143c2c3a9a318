import { checkAppendsLinearizable, resultsProblem } from '../lab/run-checks.ts';
import { CheckFailure } from '../lab/lab-test.ts';
import { goal, invariant, prune, type Predicate } from '../search/predicate.ts';
import type { SystemState } from './system-state.ts';

/** Invariant: every result a client worker received is the one its workload expects. */
export const RESULTS_OK: Predicate<SystemState> = {
  ...invariant<SystemState>('results OK', (state) => {
    for (const worker of state.clientWorkers()) {
      const problem = resultsProblem(worker);
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

/** Prune: do not expand states where every client worker has finished. */
export const CLIENTS_DONE_PRUNE: Predicate<SystemState> = prune('clients done', (state) =>
  state.clientsDone(),
);

/**
 * Invariant: appends of unique values to one key form a chain of prefixes (see
 * checkAppendsLinearizable).
 */
export const APPENDS_LINEARIZABLE: Predicate<SystemState> = invariant(
  'appends linearizable',
  (state) => {
    try {
      checkAppendsLinearizable(state.clientWorkers());
      return true;
    } catch (error) {
      if (error instanceof CheckFailure) return error.message;
      throw error;
    }
  },
);
