import type { MicroOperation, TxnEvent, TxnKey } from '../../../framework/check/index.ts';

/** A micro-operation written as a tuple: `['append', 'x', 1]`, `['r', 'x', [1]]`. */
export type OperationTuple = readonly ['append' | 'r' | 'w', TxnKey, unknown];

function microOperations(tuples: readonly OperationTuple[]): MicroOperation[] {
  return tuples.map(([f, key, value]) => ({ f, key, value }));
}

/** The invocation's view of a transaction: reads not yet known. */
function invocationOf(tuples: readonly OperationTuple[]): MicroOperation[] {
  return tuples.map(([f, key, value]) => ({ f, key, value: f === 'r' ? null : value }));
}

/**
 * Writes transactional histories for tests, event by event, with line numbers counted from
 * 1 as if each event were a line of an edn file.
 */
export class TxnHistoryBuilder {
  readonly events: TxnEvent[] = [];
  private readonly openCalls = new Map<string | number, readonly OperationTuple[]>();

  /** Invokes a transaction; its completion's reads come with {@link complete}. */
  invoke(process: string | number, tuples: readonly OperationTuple[]): this {
    this.openCalls.set(process, tuples);
    this.push(process, 'invoke', invocationOf(tuples));
    return this;
  }

  /** Completes the process's open transaction; `ok` needs the operations with their reads. */
  complete(
    process: string | number,
    type: 'ok' | 'fail' | 'info',
    tuples?: readonly OperationTuple[],
  ): this {
    const invoked = this.openCalls.get(process) ?? [];
    this.openCalls.delete(process);
    const completed = tuples ?? invoked;
    this.push(process, type, type === 'ok' ? microOperations(completed) : invocationOf(completed));
    return this;
  }

  /** A transaction invoked and completed at once. */
  txn(
    process: string | number,
    tuples: readonly OperationTuple[],
    type: 'ok' | 'fail' | 'info' = 'ok',
  ): this {
    return this.invoke(process, tuples).complete(process, type, tuples);
  }

  private push(process: string | number, type: TxnEvent['type'], value: MicroOperation[]): void {
    this.events.push({ process, type, value, line: this.events.length + 1 });
  }
}

/** A history in a few lines: `history((h) => h.txn(0, [...]).txn(1, [...]))`. */
export function history(write: (builder: TxnHistoryBuilder) => unknown): TxnEvent[] {
  const builder = new TxnHistoryBuilder();
  write(builder);
  return builder.events;
}
