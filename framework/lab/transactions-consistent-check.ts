import type { Simulation } from '../sim/simulation.ts';
import {
  transactionsConsistentProblem,
  type TransactionsConsistentOptions,
} from '../system/transactions-consistent.ts';
import { CheckFailure } from './check-failure.ts';

/**
 * The transactions the client workers recorded show none of the forbidden anomalies.
 * Each command is read as a transaction of the workload (list-append: appends of unique
 * values and reads of whole lists; rw-register: writes of unique values and reads) through
 * `recorder`; the client is the process, and the simulation's order of invocations and
 * results is real time. Fails with a {@link CheckFailure} that names each forbidden anomaly
 * found, with its shortest cycle explained edge by edge, or that says the checker could
 * not rule the forbidden cycles out within `stepsMax`.
 *
 * @example
 * ```ts
 * // A lab whose Txn command lists micro-operations ({ f: 'append' | 'r', key, value }, reads
 * // with value null), and whose TxnResult carries them with what each read returned, or
 * // says the transaction aborted:
 * checkTransactionsConsistent(simulation, {
 *   workload: 'list-append',
 *   forbidden: ['G0', 'G1c', 'G-single', 'G2'],
 *   recorder: {
 *     invocation: (command) => (command instanceof Txn ? command.operations : undefined),
 *     completion: (_command, result) =>
 *       result instanceof TxnResult && !result.aborted ? result.operations : 'fail',
 *   },
 * });
 * ```
 */
export function checkTransactionsConsistent<Command, Result>(
  simulation: Simulation,
  options: TransactionsConsistentOptions<Command, Result>,
): void {
  const problem = transactionsConsistentProblem(simulation.history, options);
  if (problem !== undefined) throw new CheckFailure(problem);
}
