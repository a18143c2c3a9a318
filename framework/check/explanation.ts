import type { EntryList } from './entry-list.ts';
import type { Operation } from './operation.ts';
import type { SequentialSpec } from './sequential-spec.ts';
import { ILLEGAL_TRANSITION, type TransitionCache } from './transition-cache.ts';

/** An operation as an explanation shows it: plain data, ready for JSON. */
export interface OperationView {
  /** Index of the operation in the history. */
  readonly id: number;
  readonly process: string;
  readonly callTime: number;
  /** `null` for an unknown outcome. */
  readonly returnTime: number | null;
  readonly input: string;
  /** `null` when the output was not observed. */
  readonly output: string | null;
  readonly line?: number;
}

/** One operation of the linearizable prefix and the state it leaves. */
export interface PrefixStep {
  readonly operation: OperationView;
  readonly stateAfter: string;
}

/** Why an operation cannot take effect right after the prefix. */
export interface StuckOperation {
  readonly operation: OperationView;
  /**
   * `output mismatch`: the spec would have answered `expected` in this state; `illegal`:
   * the spec rejects it here and gives no expected answer; `dead end`: it can take effect
   * here, but then the remaining operations cannot all be placed.
   */
  readonly reason: 'output mismatch' | 'illegal' | 'dead end';
  readonly expected?: string;
}

/** Why one partition has no linearization. */
export interface PartitionExplanation {
  readonly partition: string;
  readonly initialState: string;
  /** The longest order of operations found that respects real time and the spec. */
  readonly prefix: readonly PrefixStep[];
  /** The state after the prefix. */
  readonly state: string;
  /**
   * The first remaining operation to return: one of the stuck operations must take effect before it
   * returns.
   */
  readonly deadline: OperationView | null;
  /** The operations that could come next in real time, none of which can be placed. */
  readonly stuck: readonly StuckOperation[];
}

/** Why a history is not linearizable: one explanation per failing partition. */
export interface ViolationExplanation {
  readonly partitions: readonly PartitionExplanation[];
}

/** Renders an operation for the explanation. */
export function operationView<Input, Output>(
  spec: SequentialSpec<unknown, Input, Output>,
  operation: Operation<Input, Output>,
  id: number,
): OperationView {
  const view = {
    id,
    process: operation.process,
    callTime: operation.callTime,
    returnTime: operation.returnTime ?? null,
    input: spec.describeInput(operation.input),
    output: operation.output === undefined ? null : spec.describeOutput(operation.output),
  };
  return operation.line === undefined ? view : { ...view, line: operation.line };
}

/** The facts about one failed partition that {@link explainPartition} needs. */
export interface FailedPartition<Input, Output> {
  readonly label: string;
  readonly operations: readonly Operation<Input, Output>[];
  /** History ids of the partition's operations, by local index. */
  readonly ids: readonly number[];
  readonly list: EntryList;
  readonly transitions: TransitionCache<unknown, Input, Output>;
  /** Local indices of the longest linearizable prefix. */
  readonly longestPrefix: readonly number[];
}

/** Builds the explanation of a partition the search proved not linearizable. */
export function explainPartition<Input, Output>(
  spec: SequentialSpec<unknown, Input, Output>,
  failed: FailedPartition<Input, Output>,
): PartitionExplanation {
  const { operations, ids, list, transitions } = failed;
  const view = (local: number): OperationView =>
    operationView(spec, operations[local] as Operation<Input, Output>, ids[local] as number);
  const placed = new Uint8Array(list.operationCount);
  const prefix: PrefixStep[] = [];
  let state = transitions.initialStateId;
  for (const local of failed.longestPrefix) {
    state = transitions.next(state, local);
    if (state === ILLEGAL_TRANSITION)
      throw new Error('internal error: the longest prefix does not replay');
    placed[local] = 1;
    prefix.push({
      operation: view(local),
      stateAfter: spec.describeState(transitions.state(state)),
    });
  }
  // The first unplaced completed operation to return bounds what may come next.
  let deadline = -1;
  for (let local = 0; local < list.operationCount; local++) {
    if (placed[local] === 1 || list.completed[local] === 0) continue;
    if (
      deadline < 0 ||
      (list.returnOfOperation[local] as number) < (list.returnOfOperation[deadline] as number)
    )
      deadline = local;
  }
  const deadlinePosition = deadline < 0 ? Infinity : (list.returnOfOperation[deadline] as number);
  const stuck: StuckOperation[] = [];
  for (let local = 0; local < list.operationCount; local++) {
    if (placed[local] === 1 || (list.callOfOperation[local] as number) > deadlinePosition) continue;
    stuck.push(stuckOperation(spec, failed, state, local, view(local)));
  }
  return {
    partition: failed.label,
    initialState: spec.describeState(transitions.state(transitions.initialStateId)),
    prefix,
    state: spec.describeState(transitions.state(state)),
    deadline: deadline < 0 ? null : view(deadline),
    stuck,
  };
}

function stuckOperation<Input, Output>(
  spec: SequentialSpec<unknown, Input, Output>,
  failed: FailedPartition<Input, Output>,
  state: number,
  local: number,
  operation: OperationView,
): StuckOperation {
  if (failed.transitions.next(state, local) !== ILLEGAL_TRANSITION)
    return { operation, reason: 'dead end' };
  const input = (failed.operations[local] as Operation<Input, Output>).input;
  if (spec.expectedOutput === undefined) return { operation, reason: 'illegal' };
  return {
    operation,
    reason: 'output mismatch',
    expected: spec.describeOutput(spec.expectedOutput(failed.transitions.state(state), input)),
  };
}
