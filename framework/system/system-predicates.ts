import { ClientWorker } from '../core/client-worker.ts';
import type { Node } from '../core/node.ts';
import { goal, prune, type Predicate } from '../search/predicate.ts';
import { appendsLinearizableProblem, resultsOkProblem } from './client-problems.ts';
import { nodesInvariant } from './node-predicate.ts';
import type { SystemState } from './system-state.ts';

/**
 * The client workers among a state's root nodes. The invariants on them are node invariants: a
 * search judges each combination of worker states once, however many states share it (most
 * events are servers' and leave the workers as they were).
 */
const isClientWorker = (node: Node): node is ClientWorker => node instanceof ClientWorker;

/** Invariant: every result a client worker received is the one its workload expects. */
export const RESULTS_OK: Predicate<SystemState> = {
  ...nodesInvariant('results OK', {
    select: isClientWorker,
    problem: (workers) => {
      for (const worker of workers) {
        const problem = resultsOkProblem(worker);
        if (problem !== undefined) return problem;
      }
      return undefined;
    },
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
export const APPENDS_LINEARIZABLE: Predicate<SystemState> = nodesInvariant('appends linearizable', {
  select: isClientWorker,
  problem: appendsLinearizableProblem,
});
