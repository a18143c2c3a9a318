import { transactionName, type MicroOperation, type Transaction } from './transaction.ts';
import { describeTxnValue } from './value-text.ts';

/** A transaction as a report shows it. */
export interface TransactionView {
  /** `T{id + 1}`, the name explanations use. */
  readonly name: string;
  readonly process: string | number;
  readonly status: Transaction['status'];
  /** The invocation's line in the history file, when read from one. */
  readonly line?: number;
  /** Its micro-operations in edn notation: `[append 1 3] [r 2 [1 2]]`. */
  readonly operations: string;
}

/** The view of one transaction. */
export function viewTransaction(transaction: Transaction): TransactionView {
  const view = {
    name: transactionName(transaction),
    process: transaction.process,
    status: transaction.status,
    operations: transaction.operations.map(describeMicroOperation).join(' '),
  };
  return transaction.line === undefined ? view : { ...view, line: transaction.line };
}

/** `[append 1 3]`, `[r 2 [1 2]]`, `[w x 5]`. */
export function describeMicroOperation(operation: MicroOperation): string {
  return `[${operation.f} ${describeTxnValue(operation.key)} ${describeTxnValue(operation.value)}]`;
}
