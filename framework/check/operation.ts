/**
 * A recorded history, as the checkers see it: one entry per operation a client issued,
 * with the real-time interval it was outstanding in.
 *
 * Times are plain numbers in any unit (simulated microseconds, or line numbers of a log);
 * only their order matters. Operation `a` precedes operation `b` in real time exactly
 * when `a.returnTime < b.callTime`. Equal times mean the same instant, so the two are
 * concurrent: the checker may order them either way. That is the sound choice — it can
 * only make the checker more permissive about ties, never report a violation that a finer
 * clock would not also show.
 */
export interface Operation<Input, Output> {
  /** The client (process) that issued the operation; a client has one call open at a time. */
  readonly process: string;
  readonly callTime: number;
  /**
   * When the response arrived; `undefined` when the outcome is unknown (the call never
   * returned, or returned an indeterminate answer). Such an operation may have taken
   * effect at any time after its call, or never.
   */
  readonly returnTime?: number;
  readonly input: Input;
  /**
   * What the operation returned; `undefined` when it was not observed (an unknown
   * outcome, or a format whose responses carry no information), in which case any output
   * the specification allows is accepted.
   */
  readonly output?: Output;
  /** The line of the file the operation was read from, for messages. */
  readonly line?: number;
}

/** A history: operations in any order; an operation's id is its index here. */
export type History<Input, Output> = readonly Operation<Input, Output>[];

/** Whether the operation's outcome is unknown (it has no return time). */
export function hasUnknownOutcome(operation: Operation<unknown, unknown>): boolean {
  return operation.returnTime === undefined;
}

/** Thrown for a history that no recorder could have produced (a return before its call, say). */
export class InvalidHistoryError extends Error {
  override readonly name = 'InvalidHistoryError';
}

/**
 * Checks the invariants the checkers rely on; throws {@link InvalidHistoryError} naming the
 * operation.
 */
export function assertValidHistory(history: History<unknown, unknown>): void {
  history.forEach((operation, id) => {
    const where =
      operation.line === undefined ? `operation ${id}` : `operation ${id} (line ${operation.line})`;
    if (!Number.isFinite(operation.callTime))
      throw new InvalidHistoryError(`${where}: call time must be a finite number`);
    if (operation.returnTime === undefined) {
      if (operation.output !== undefined)
        throw new InvalidHistoryError(
          `${where}: an operation with an unknown outcome has no output`,
        );
      return;
    }
    if (!Number.isFinite(operation.returnTime))
      throw new InvalidHistoryError(`${where}: return time must be a finite number`);
    if (operation.returnTime < operation.callTime)
      throw new InvalidHistoryError(
        `${where}: returns (${operation.returnTime}) before its call (${operation.callTime})`,
      );
  });
}
