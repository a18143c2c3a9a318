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
  const open = new Map<string | number, { event: TxnEvent; index: number; id: number }>();
  const slots: (Transaction | undefined)[] = [];
  events.forEach((event, index) => {
    const call = open.get(event.process);
    if (event.type === 'invoke') {
      if (call !== undefined)
        throw new InvalidTxnHistoryError(
          `process ${String(event.process)} invokes again while its transaction ${describeCall(call.event, call.index)} is open`,
          event.line,
        );
      open.set(event.process, { event, index, id: slots.length });
      slots.push(undefined);
      return;
    }
    if (call === undefined)
      throw new InvalidTxnHistoryError(
        `:${event.type} for process ${String(event.process)}, which has no open transaction`,
        event.line,
      );
    open.delete(event.process);
    assertSameShape(call.event, call.index, event);
    slots[call.id] = {
      id: call.id,
      process: event.process,
      status: event.type,
      operations: event.type === 'ok' ? event.value : call.event.value,
      invokeIndex: call.index,
      completeIndex: index,
      line: call.event.line,
      completeLine: event.line,
    };
  });
  for (const call of open.values()) slots[call.id] = unfinished(call.event, call.index, call.id);
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
