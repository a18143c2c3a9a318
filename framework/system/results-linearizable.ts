import { formatExplanation } from '../check/explanation-text.ts';
import { checkLinearizability, type CheckResult } from '../check/linearizability.ts';
import type { Operation } from '../check/operation.ts';
import type { SequentialSpec } from '../check/sequential-spec.ts';
import { invariant, type Predicate } from '../search/predicate.ts';
import type { SystemState } from './system-state.ts';

/**
 * Steps the checker may take on one state; past it the state is not judged (never a false
 * violation).
 */
const CHECK_STEPS_PER_STATE_MAX = 1_000_000;

/**
 * The problem text of "results linearizable": for a history the checker found not
 * linearizable, how many operations it had and the checker's explanation (the longest
 * linearizable prefix and the operations that cannot come next); else undefined. The run
 * check (`checkResultsLinearizable`) throws it, the search predicate (`resultsLinearizable`)
 * returns it.
 */
export function resultsLinearizableProblem(result: CheckResult): string | undefined {
  if (result.verdict !== 'not linearizable') return undefined;
  const explanation =
    result.explanation === undefined ? '' : `\n${formatExplanation(result.explanation)}`;
  return `the history of ${result.operations} operations is not linearizable${explanation}`;
}

/**
 * Invariant: the results the client workers have received are explained by some sequential
 * execution of `spec`. A search state does not record when things happened (two paths to
 * the same state are the same state), so every operation is taken as concurrent with every
 * other, and commands still in flight may or may not have taken effect: the invariant
 * never reports a false violation, and it catches lost, duplicated and invented effects; run
 * tests, which record real time, check the real-time order too
 * (`checkResultsLinearizable`).
 */
export function resultsLinearizable<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  name = `results linearizable (${spec.name})`,
): Predicate<SystemState> {
  return invariant(name, (state) => {
    const history: Operation<Input, Output>[] = [];
    for (const worker of state.clientWorkers()) {
      worker.results.forEach((result, index) => {
        history.push({
          process: `${worker.address}#${index + 1}`,
          callTime: 0,
          returnTime: 1,
          input: worker.commandAt(index) as Input,
          output: result as Output,
        });
      });
      // A command still in flight may already have taken effect: its outcome is unknown.
      const pending = worker.pendingCommand;
      if (pending !== undefined)
        history.push({
          process: `${worker.address}#pending`,
          callTime: 0,
          input: pending as Input,
        });
    }
    const result = checkLinearizability(history, spec, { stepsMax: CHECK_STEPS_PER_STATE_MAX });
    return resultsLinearizableProblem(result) ?? true;
  });
}
