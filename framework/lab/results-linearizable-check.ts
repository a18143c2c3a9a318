import { checkLinearizability, type CheckOptions } from '../check/linearizability.ts';
import { historyFromClientEvents } from '../check/client-history.ts';
import type { SequentialSpec } from '../check/sequential-spec.ts';
import type { Simulation } from '../sim/simulation.ts';
import { resultsLinearizableProblem } from '../system/results-linearizable.ts';
import { CheckFailure } from './check-failure.ts';

/** Steps the checker may take in a run test before it answers "unknown" (which fails the test). */
const CHECK_STEPS_MAX = 50_000_000;

/**
 * The history the client workers recorded — every command with the simulated times it was
 * invoked and answered — is linearizable against `spec`: some order of the operations that
 * respects real time explains every result. A violation fails the test with the checker's
 * explanation (see `resultsLinearizableProblem`); so does a history the checker cannot decide
 * within its budget. The search predicate of the same check is `resultsLinearizable`.
 */
export function checkResultsLinearizable<State, Input, Output>(
  simulation: Simulation,
  spec: SequentialSpec<State, Input, Output>,
  options: CheckOptions = {},
): void {
  const history = historyFromClientEvents<Input, Output>(simulation.history);
  const result = checkLinearizability(history, spec, { stepsMax: CHECK_STEPS_MAX, ...options });
  if (result.verdict === 'unknown') {
    throw new CheckFailure(
      `the linearizability checker could not decide the history of ${result.operations} operations within ${result.steps} steps`,
    );
  }
  const problem = resultsLinearizableProblem(result);
  if (problem !== undefined) throw new CheckFailure(problem);
}
