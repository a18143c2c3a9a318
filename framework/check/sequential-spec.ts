import type { Operation } from './operation.ts';

/** The outcome of applying one operation to a specification state. */
export type StepResult<State> =
  { readonly legal: true; readonly state: State } | { readonly legal: false };

/** A group of operations that can be checked on its own (the operations on one key, say). */
export interface HistoryPartition {
  /** A readable name for the group, such as `key "x"`. */
  readonly label: string;
  /** Ids (indices into the history) of the operations in the group. */
  readonly operations: readonly number[];
}

/**
 * A sequential specification: the object the history should behave like when its
 * operations are put in some order consistent with real time.
 *
 * States are values: `step` must not mutate the state it is given. Two states are the
 * same exactly when their `stateKey`s are equal; the checker interns states by this key,
 * so it is computed once per new state, not once per search step. A `step` that
 * leaves the state unchanged should return the very object it was given: the checker then
 * knows the state is the same without comparing.
 */
export interface SequentialSpec<State, Input, Output> {
  /** A short name, such as `kv`. */
  readonly name: string;
  initialState(): State;
  /**
   * Applies `input` to `state`. The step is legal when the object could have answered
   * `output`; an `output` of `undefined` was not observed, and any answer is accepted.
   */
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;
  /** A string that identifies the state: equal keys exactly for equal states. */
  stateKey(state: State): string;
  /**
   * A faster identity, for states whose key is long (a KV value grown by appends): a
   * 32-bit hash that equal states share, and the equality it stands for. When both are
   * given the checker interns states with them and never calls `stateKey`.
   */
  stateHash?(state: State): number;
  stateEquals?(a: State, b: State): boolean;
  /**
   * Splits a history into groups that are linearizable together exactly when each is
   * linearizable alone (P-compositionality: operations on different keys of a KV store).
   * Without it the history is checked as one group.
   */
  partition?(operations: readonly Operation<Input, Output>[]): readonly HistoryPartition[];
  /**
   * Whether the operation can never change the state, in any state where it is legal (a
   * read; a compare-and-set observed to fail). The checker places such an operation as
   * soon as it is legal, without trying alternatives: moving a read earlier never breaks
   * a linearization. Without this method no operation gets that shortcut.
   */
  isReadOnly?(input: Input, output: Output | undefined): boolean;
  /** What a correct object would answer to `input` in `state`, for explanations. */
  expectedOutput?(state: State, input: Input): Output;
  describeInput(input: Input): string;
  describeOutput(output: Output): string;
  describeState(state: State): string;
  /**
   * Checks that a decoded input and output (from a file) have the shapes this
   * specification understands. Returns a message naming the problem, or `undefined`.
   * The output is `undefined` when it was not observed.
   */
  validateOperation?(input: unknown, output: unknown): string | undefined;
}

/** Any specification, for code that only passes specs through. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySequentialSpec = SequentialSpec<any, any, any>;
