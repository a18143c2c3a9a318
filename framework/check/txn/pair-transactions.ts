import {
  InvalidTxnHistoryError,
  type MicroOperation,
  type Transaction,
  type TxnEvent,
  type TxnStatus,
} from './transaction.ts';

/**
 * Pairs each invocation with its process's next completion. A process has one transaction
 * open at a time; a completion must repeat its invocation's micro-operations (same functions
 * and keys, in order), with reads filled in. Throws {@link InvalidTxnHistoryError} otherwise.
 */
export function pairTransactions(events: readonly TxnEvent[]): Transaction[] {
  // The open invocation of each process, by event position; a transaction's id is its rank
  // among invocations. Plain numbers rather than an object per call: a history of a million
  // transactions would otherwise allocate a million short-lived objects.
  const open = new Map<string | number, number>();
  const idAt = new Int32Array(events.length);
  const slots: (Transaction | undefined)[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as TxnEvent;
    const invokeIndex = open.get(event.process);
    if (event.type === 'invoke') {
      if (invokeIndex !== undefined)
        throw new InvalidTxnHistoryError(
          `process ${String(event.process)} invokes again while its transaction ${describeCall(events[invokeIndex] as TxnEvent, invokeIndex)} is open`,
          event.line,
        );
      open.set(event.process, index);
      idAt[index] = slots.length;
      slots.push(undefined);
      continue;
    }
    if (invokeIndex === undefined)
      throw new InvalidTxnHistoryError(
        `:${event.type} for process ${String(event.process)}, which has no open transaction`,
        event.line,
      );
    open.delete(event.process);
    const invocation = events[invokeIndex] as TxnEvent;
    assertSameShape(invocation, invokeIndex, event);
    const id = idAt[invokeIndex] as number;
    slots[id] = {
      id,
      process: event.process,
      status: event.type,
      operations: event.type === 'ok' ? event.value : invocation.value,
      invokeIndex,
      completeIndex: index,
      line: invocation.line,
      completeLine: event.line,
    };
  }
  for (const invokeIndex of open.values())
    slots[idAt[invokeIndex] as number] = unfinished(
      events[invokeIndex] as TxnEvent,
      invokeIndex,
      idAt[invokeIndex] as number,
    );
  return slots as Transaction[];
}

function unfinished(event: TxnEvent, index: number, id: number): Transaction {
  const status: TxnStatus = 'info';
  return {
    id,
    process: event.process,
    status,
    operations: event.value,
    invokeIndex: index,
    completeIndex: undefined,
    line: event.line,
    completeLine: undefined,
  };
}

function describeCall(event: TxnEvent, index: number): string {
  return event.line === undefined ? `(event ${index})` : `(line ${event.line})`;
}

function assertSameShape(invocation: TxnEvent, invokeIndex: number, completion: TxnEvent): void {
  // An :info or :fail completion may omit the operations (Jepsen often repeats them).
  if (completion.type !== 'ok' && completion.value.length === 0) return;
  const expected = invocation.value;
  const actual = completion.value;
  const same =
    expected.length === actual.length &&
    expected.every((operation: MicroOperation, index) => {
      const other = actual[index] as MicroOperation;
      return other.f === operation.f && Object.is(other.key, operation.key);
    });
  if (!same)
    throw new InvalidTxnHistoryError(
      `the completion's micro-operations differ from its invocation's ${describeCall(invocation, invokeIndex)}`,
      completion.line,
    );
}
