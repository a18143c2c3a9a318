import { BudgetTracker, type CheckBudget } from './check-budget.ts';
import { buildEntryList, type EntryList } from './entry-list.ts';
import {
  explainPartition,
  type PartitionExplanation,
  type ViolationExplanation,
} from './explanation.ts';
import { assertValidHistory, type History, type Operation } from './operation.ts';
import type { HistoryPartition, SequentialSpec } from './sequential-spec.ts';
import { TransitionCache } from './transition-cache.ts';
import { LinearizationSearch } from './wgl-search.ts';

/** The verdict of a check. `unknown`: the budget ran out first; it never stands for a guess. */
export type Verdict = 'linearizable' | 'not linearizable' | 'unknown';

/**
 * How one partition fared; `skipped` when the check stopped at another partition's violation first.
 */
export interface PartitionResult {
  readonly label: string;
  readonly operations: number;
  readonly verdict: Verdict | 'skipped';
  /** Search steps spent on it. */
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
   * Decide every partition, so the explanation covers every failing one. By default the
   * check stops at the first violation found (the verdict is known by then), as Porcupine does.
   */
  readonly checkAllPartitions?: boolean;
}

/**
 * Steps a partition runs before the next one gets its turn. Partitions are interleaved so
 * that a violation that is cheap to find is found early, however expensive the partitions
 * checked before it would be (Porcupine gets the same effect by checking them in parallel).
 */
const SLICE_STEPS = 4096;

/** A partition waiting for its next turn; its search starts on the first. */
interface Turn<Input, Output> {
  readonly index: number;
  readonly partition: HistoryPartition;
  check: PartitionCheck<Input, Output> | undefined;
}

/** One partition being searched. */
interface PartitionCheck<Input, Output> {
  readonly index: number;
  readonly partition: HistoryPartition;
  readonly operations: readonly Operation<Input, Output>[];
  readonly list: EntryList;
  readonly transitions: TransitionCache<unknown, Input, Output>;
  readonly search: LinearizationSearch;
}

/**
 * Checks a history against a sequential specification: is there an order of its
 * operations, consistent with real time, in which every completed operation returns what
 * the specification answers? Unknown outcomes may be placed anywhere after their call, or
 * left out. The history is split into the spec's partitions, searched in interleaved slices.
 */
export function checkLinearizability<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
  options: CheckOptions = {},
): CheckResult {
  assertValidHistory(history);
  const budget = new BudgetTracker(options);
  const partitions = (
    spec.partition?.(history) ?? [
      { label: 'all operations', operations: history.map((_, id) => id) },
    ]
  ).filter((partition) => partition.operations.length > 0);
  const results: (PartitionResult | undefined)[] = new Array<PartitionResult | undefined>(
    partitions.length,
  );
  const explanations: PartitionExplanation[] = [];
  const stopped = (): boolean =>
    budget.isExhausted || (explanations.length > 0 && options.checkAllPartitions !== true);
  // A partition's search is set up on its first turn, so a violation found early spares
  // the partitions after it their setup, and a finished one's memory is released at once.
  let queue: Turn<Input, Output>[] = partitions.map((partition, index) => ({
    index,
    partition,
    check: undefined,
  }));
  while (queue.length > 0 && !stopped()) {
    const waiting: Turn<Input, Output>[] = [];
    for (const turn of queue) {
      if (stopped()) {
        waiting.push(turn);
        continue;
      }
      turn.check ??= startPartition(history, spec, turn.partition, turn.index);
      const before = turn.check.search.steps;
      const status = turn.check.search.run(Math.min(SLICE_STEPS, budget.allowance()));
      budget.spend(turn.check.search.steps - before);
      if (status === 'paused') {
        waiting.push(turn);
        continue;
      }
      results[turn.index] = partitionResult(turn.check, status);
      if (status === 'not linearizable')
        explanations.push(
          explainPartition(
            spec as SequentialSpec<unknown, Input, Output>,
            failedPartition(turn.check),
          ),
        );
    }
    queue = waiting;
  }
  // Partitions left: skipped once a violation settled the verdict, else cut short by the budget.
  const leftAs =
    explanations.length > 0 && options.checkAllPartitions !== true ? 'skipped' : 'unknown';
  for (const { index, partition, check } of queue) {
    results[index] =
      check === undefined
        ? {
            label: partition.label,
            operations: partition.operations.length,
            verdict: leftAs,
            steps: 0,
            configurations: 0,
          }
        : partitionResult(check, leftAs);
  }
  const finished = results.filter((result) => result !== undefined);
  const steps = finished.reduce((sum, result) => sum + result.steps, 0);
  const verdict: Verdict =
    explanations.length > 0
      ? 'not linearizable'
      : finished.some((result) => result.verdict !== 'linearizable')
        ? 'unknown'
        : 'linearizable';
  const summary = { verdict, operations: history.length, partitions: finished, steps };
  return explanations.length > 0
    ? { ...summary, explanation: { partitions: explanations } }
    : summary;
}

function startPartition<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
  partition: HistoryPartition,
  index: number,
): PartitionCheck<Input, Output> {
  // One plain loop, no closures: this runs once per partition, and there may be thousands.
  const ids = partition.operations;
  const count = ids.length;
  const operations: Operation<Input, Output>[] = new Array<Operation<Input, Output>>(count);
  const inputs: Input[] = new Array<Input>(count);
  const outputs: (Output | undefined)[] = new Array<Output | undefined>(count);
  const callTimes = new Float64Array(count);
  const returnTimes = new Float64Array(count);
  const readOnly = new Uint8Array(count);
  for (let local = 0; local < count; local++) {
    const operation = history[ids[local] as number] as Operation<Input, Output>;
    operations[local] = operation;
    inputs[local] = operation.input;
    outputs[local] = operation.output;
    callTimes[local] = operation.callTime;
    returnTimes[local] = operation.returnTime ?? Infinity;
    readOnly[local] = spec.isReadOnly?.(operation.input, operation.output) === true ? 1 : 0;
  }
  const list = buildEntryList(callTimes, returnTimes);
  const transitions = new TransitionCache<State, Input, Output>(
    spec,
    inputs,
    outputs,
  ) as TransitionCache<unknown, Input, Output>;
  const search = new LinearizationSearch(list, transitions, readOnly);
  return { index, partition, operations, list, transitions, search };
}

function partitionResult(
  check: PartitionCheck<unknown, unknown>,
  verdict: PartitionResult['verdict'],
): PartitionResult {
  const { partition, search } = check;
  const result = {
    label: partition.label,
    operations: partition.operations.length,
    verdict,
    steps: search.steps,
    configurations: search.configurations,
  };
  if (verdict !== 'linearizable') return result;
  const linearization = search.longestPrefix();
  for (let index = 0; index < linearization.length; index++)
    linearization[index] = partition.operations[linearization[index] as number] as number;
  return { ...result, linearization };
}

function failedPartition<Input, Output>(check: PartitionCheck<Input, Output>) {
  const { partition, operations, list, transitions, search } = check;
  return {
    label: partition.label,
    operations,
    ids: partition.operations,
    list,
    transitions,
    longestPrefix: search.longestPrefix(),
  };
}
