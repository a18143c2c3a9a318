import type { MicroOperation, Transaction, TxnEvent, TxnStatus } from './transaction.ts';

const STATUSES: readonly TxnStatus[] = ['ok', 'fail', 'info'];
/** Status codes, as {@link TransactionTable.statusCode} returns them. */
export const OK = 0;
export const FAIL = 1;
export const INFO = 2;

/**
 * The transactions of a history as parallel typed arrays, one slot per transaction, over the
 * events they were paired from. A history of a million transactions would otherwise hold a
 * million objects the garbage collector copies and traces for the whole check; here a
 * transaction costs seventeen bytes, and a {@link Transaction} object is made only for the few an
 * explanation names.
 */
export class TransactionTable {
  /** How many transactions. */
  readonly count: number;
  // One array of references, so that the analyses' loops reach a transaction's
  // micro-operations in one step rather than through its events.
  private readonly operationLists: (readonly MicroOperation[])[];

  constructor(
    private readonly events: readonly TxnEvent[],
    /** Position of each transaction's invocation in `events`. */
    private readonly invokeIndexes: Int32Array,
    /** Position of its completion; -1 for a transaction never completed. */
    private readonly completeIndexes: Int32Array,
    /** `OK`, `FAIL` or `INFO`. */
    private readonly statuses: Uint8Array,
  ) {
    this.count = invokeIndexes.length;
    this.operationLists = [];
    for (let id = 0; id < this.count; id++) {
      const index = statuses[id] === OK ? completeIndexes[id] : invokeIndexes[id];
      this.operationLists.push((events[index as number] as TxnEvent).value);
    }
  }

  /** `OK`, `FAIL` or `INFO`. */
  statusCode(id: number): number {
    return this.statuses[id] as number;
  }

  status(id: number): TxnStatus {
    return STATUSES[this.statuses[id] as number] as TxnStatus;
  }

  isFailed(id: number): boolean {
    return this.statuses[id] === FAIL;
  }

  /** The completion's micro-operations for `ok` (reads carry values), the invocation's else. */
  operations(id: number): readonly MicroOperation[] {
    return this.operationLists[id] as readonly MicroOperation[];
  }

  process(id: number): string | number {
    return (this.events[this.invokeIndexes[id] as number] as TxnEvent).process;
  }

  invokeIndex(id: number): number {
    return this.invokeIndexes[id] as number;
  }

  /** -1 for a transaction never completed. */
  completeIndex(id: number): number {
    return this.completeIndexes[id] as number;
  }

  /** The transaction as one object, for explanations and pictures. */
  transaction(id: number): Transaction {
    const invokeIndex = this.invokeIndexes[id] as number;
    const completeIndex = this.completeIndexes[id] as number;
    const invocation = this.events[invokeIndex] as TxnEvent;
    return {
      id,
      process: invocation.process,
      status: this.status(id),
      operations: this.operations(id),
      invokeIndex,
      completeIndex: completeIndex < 0 ? undefined : completeIndex,
      line: invocation.line,
      completeLine: completeIndex < 0 ? undefined : this.events[completeIndex]?.line,
    };
  }
}
