/**
 * Transactions as Jepsen records them. A client (a process) invokes a transaction — a list
 * of micro-operations — and later completes it: `ok` (it committed, and the completion
 * carries what its reads returned), `fail` (it certainly took no effect) or `info` (unknown:
 * it may or may not have committed). A transaction never completed counts as `info`.
 */

/** A key of a micro-operation: any scalar, compared by value. */
export type TxnKey = string | number | bigint | boolean | null;

/**
 * One micro-operation. `append` adds a unique value to a key's list and `r` reads the whole
 * list (list-append); `w` writes a unique value and `r` reads it (rw-register). A read's
 * value is `null` in an invocation (not yet known) and what was read in an `ok` completion.
 */
export interface MicroOperation {
  readonly f: 'append' | 'r' | 'w';
  readonly key: TxnKey;
  readonly value: unknown;
}

/** The event types of a Jepsen history. */
export type TxnEventType = 'invoke' | 'ok' | 'fail' | 'info';

/** One event of a transactional history; the history lists events in real-time order. */
export interface TxnEvent {
  readonly process: string | number;
  readonly type: TxnEventType;
  readonly value: readonly MicroOperation[];
  /** The line of the file the event was read from, for messages. */
  readonly line?: number;
}

/** How a transaction ended. */
export type TxnStatus = 'ok' | 'fail' | 'info';

/** An invocation paired with its completion. */
export interface Transaction {
  /** Its index in invocation order; explanations call it `T{id + 1}`. */
  readonly id: number;
  readonly process: string | number;
  readonly status: TxnStatus;
  /**
   * The micro-operations: the completion's for `ok` (reads carry their values), the
   * invocation's otherwise (reads unknown).
   */
  readonly operations: readonly MicroOperation[];
  /** Position of the invocation in the event list (the real-time clock). */
  readonly invokeIndex: number;
  /** Position of the completion; `undefined` for a transaction never completed. */
  readonly completeIndex: number | undefined;
  /** The line of the invocation in its file, when read from one. */
  readonly line: number | undefined;
  /** The line of the completion in its file, when read from one. */
  readonly completeLine: number | undefined;
}

/** The name explanations give a transaction. */
export function transactionName(transaction: Pick<Transaction, 'id'>): string {
  return `T${transaction.id + 1}`;
}

/** Thrown for a history no recorder could have produced (a completion with no invocation). */
export class InvalidTxnHistoryError extends Error {
  override readonly name = 'InvalidTxnHistoryError';

  constructor(
    reason: string,
    /** The line of the offending event, when known. */
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
  }

  /** The message without the line. */
  get reason(): string {
    return this.line === undefined
      ? this.message
      : this.message.slice(`line ${this.line}: `.length);
  }
}
