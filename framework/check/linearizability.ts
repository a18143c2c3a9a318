import { BudgetTracker, type CheckBudget } from './check-budget.ts';
import { buildEntryList } from './entry-list.ts';
import { explainPartition, type PartitionExplanation, type ViolationExplanation } from './explanation.ts';
import { assertValidHistory, type History, type Operation } from './operation.ts';
import type { HistoryPartition, SequentialSpec } from './sequential-spec.ts';
import { TransitionCache } from './transition-cache.ts';
import { searchLinearization } from './wgl-search.ts';

/** The verdict of a check. `unknown`: the budget ran out first; it never stands for a guess. */
export type Verdict = 'linearizable' | 'not linearizable' | 'unknown';

/** How one partition fared. */
export interface PartitionResult {
  readonly label: string;
  readonly operations: number;
  readonly verdict: Verdict;
  /** Search steps spent on it (0 when the budget ran out before it started). */
  readonly steps: number;
  /** Distinct configurations memoized. */
  readonly configurations: number;
  /** For a linearizable partition: history ids in an order that witnesses it. */
  readonly linearization?: readonly number[];
}

/** What {@link checkLinearizability} found. JSON-serializable. */
export interface CheckResult {
  readonly verdict: Verdict;
  readonly operations: number;
  readonly partitions: readonly PartitionResult[];
  readonly steps: number;
  /** Present exactly when the verdict is `not linearizable`. */
  readonly explanation?: ViolationExplanation;
}

/** Options of {@link checkLinearizability}. */
export interface CheckOptions extends CheckBudget {
  /**
   * Stop at the first partition that is not linearizable (the verdict is known by then),
   * so the explanation covers that partition only. By default every partition is checked.
   */
  readonly stopAtFirstViolation?: boolean;
}

/**
 * Checks a history against a sequential specification: is there an order of its
 * operations, consistent with real time, in which every completed operation returns what
 * the specification answers? Unknown outcomes may be placed anywhere after their call, or
 * left out. The history is split into the spec's partitions, checked one by one.
 */
export function checkLinearizability<State, Input, Output>(history: History<Input, Output>, spec: SequentialSpec<State, Input, Output>, options: CheckOptions = {}): CheckResult {
  assertValidHistory(history);
  const budget = new BudgetTracker(options);
  const partitions = spec.partition?.(history) ?? [{ label: 'all operations', operations: history.map((_, id) => id) }];
  const results: PartitionResult[] = [];
  const explanations: PartitionExplanation[] = [];
  for (const partition of partitions) {
    if (partition.operations.length === 0) continue;
    const skip = budget.isExhausted || (options.stopAtFirstViolation === true && explanations.length > 0);
    if (skip) {
      results.push({ label: partition.label, operations: partition.operations.length, verdict: 'unknown', steps: 0, configurations: 0 });
      continue;
    }
    const { result, explanation } = checkPartition(history, spec, partition, budget);
    results.push(result);
    if (explanation !== undefined) explanations.push(explanation);
  }
  const steps = results.reduce((sum, result) => sum + result.steps, 0);
  const verdict: Verdict = explanations.length > 0 ? 'not linearizable' : results.some((result) => result.verdict === 'unknown') ? 'unknown' : 'linearizable';
  const summary = { verdict, operations: history.length, partitions: results, steps };
  return explanations.length > 0 ? { ...summary, explanation: { partitions: explanations } } : summary;
}

function checkPartition<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
  partition: HistoryPartition,
  budget: BudgetTracker,
): { result: PartitionResult; explanation?: PartitionExplanation } {
  const ids = partition.operations;
  const operations = ids.map((id) => history[id] as Operation<Input, Output>);
  const list = buildEntryList(
    operations.map((operation) => operation.callTime),
    operations.map((operation) => operation.returnTime),
  );
  const transitions = new TransitionCache<State, Input, Output>(
    spec,
    operations.map((operation) => operation.input),
    operations.map((operation) => operation.output),
  );
  const outcome = searchLinearization(list, transitions as TransitionCache<unknown, unknown, unknown>, budget);
  const base = { label: partition.label, operations: ids.length, verdict: outcome.verdict, steps: outcome.steps, configurations: outcome.configurations };
  if (outcome.verdict === 'linearizable') {
    return { result: { ...base, linearization: outcome.longestPrefix.map((local) => ids[local] as number) } };
  }
  if (outcome.verdict === 'unknown') return { result: base };
  const failed = { label: partition.label, operations, ids, list, transitions: transitions as TransitionCache<unknown, Input, Output>, longestPrefix: outcome.longestPrefix };
  return { result: base, explanation: explainPartition(spec as SequentialSpec<unknown, Input, Output>, failed) };
}
