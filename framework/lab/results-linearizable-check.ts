import type { Address } from '../core/address.ts';
import { checkLinearizability, type CheckOptions } from '../check/linearizability.ts';
import { historyFromClientEvents } from '../check/client-history.ts';
import type { SequentialSpec } from '../check/sequential-spec.ts';
import type { Simulation } from '../sim/simulation.ts';
import { resultsLinearizableProblem } from '../system/results-linearizable.ts';
import { CheckFailure } from './check-failure.ts';

/** The checker's options, and whose history to check. */
export interface LinearizableCheckOptions extends CheckOptions {
  /**
   * Check only these clients' commands (all clients' by default): a run may have clients of
   * another kind, such as an administrator of the shard masters, whose commands the
   * specification does not cover.
   */
  readonly clients?: readonly Address[];
}

/** Steps the checker may take in a run test before it answers "unknown" (which fails the test). */
const CHECK_STEPS_MAX = 50_000_000;

/**
 * The history the client workers recorded — every command with the simulated times it was
 * invoked and answered — is linearizable against `spec`: some order of the operations that
 * respects real time explains every result. A violation fails the test with the checker's
 * explanation (see `resultsLinearizableProblem`); so does a history the checker cannot decide
 * within its budget. With `clients`, only those clients' commands are checked. The search
 * predicate of the same check is `resultsLinearizable`.
 */
export function checkResultsLinearizable<State, Input, Output>(
  simulation: Simulation,
  spec: SequentialSpec<State, Input, Output>,
  options: LinearizableCheckOptions = {},
): void {
  const { clients, ...checkOptions } = options;
  const events =
    clients === undefined
      ? simulation.history
      : simulation.history.filter((event) => clients.includes(event.client));
  const history = historyFromClientEvents<Input, Output>(events);
  const result = checkLinearizability(history, spec, {
    stepsMax: CHECK_STEPS_MAX,
    ...checkOptions,
  });
  if (result.verdict === 'unknown') {
    throw new CheckFailure(
      `the linearizability checker could not decide the history of ${result.operations} operations within ${result.steps} steps`,
    );
  }
  const problem = resultsLinearizableProblem(result);
  if (problem !== undefined) throw new CheckFailure(problem);
}
