import { InvalidTxnHistoryError, type MicroOperation, type TxnEvent } from './transaction.ts';
import { FAIL, INFO, OK, TransactionTable } from './transaction-table.ts';

/**
 * Pairs each invocation with its process's next completion. A process has one transaction
 * open at a time; a completion must repeat its invocation's micro-operations (same functions
 * and keys, in order), with reads filled in. Throws {@link InvalidTxnHistoryError} otherwise.
 * A transaction's id is its rank among invocations.
 */
export function pairTransactions(events: readonly TxnEvent[]): TransactionTable {
  // The open invocation of each process, by event position.
  const open = new Map<string | number, number>();
  const idAt = new Int32Array(events.length);
  let invocations = 0;
  for (let index = 0; index < events.length; index++)
    if ((events[index] as TxnEvent).type === 'invoke') invocations++;
  const invokeIndexes = new Int32Array(invocations);
  const completeIndexes = new Int32Array(invocations).fill(-1);
  const statuses = new Uint8Array(invocations).fill(INFO);
  let count = 0;
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
      idAt[index] = count;
      invokeIndexes[count++] = index;
      continue;
    }
    if (invokeIndex === undefined)
      throw new InvalidTxnHistoryError(
        `:${event.type} for process ${String(event.process)}, which has no open transaction`,
        event.line,
      );
    open.delete(event.process);
    assertSameShape(events[invokeIndex] as TxnEvent, invokeIndex, event);
    const id = idAt[invokeIndex] as number;
    completeIndexes[id] = index;
    statuses[id] = event.type === 'ok' ? OK : event.type === 'fail' ? FAIL : INFO;
  }
  return new TransactionTable(events, invokeIndexes, completeIndexes, statuses);
}

function describeCall(event: TxnEvent, index: number): string {
  return event.line === undefined ? `(event ${index})` : `(line ${event.line})`;
}

function assertSameShape(invocation: TxnEvent, invokeIndex: number, completion: TxnEvent): void {
  // An :info or :fail completion may omit the operations (Jepsen often repeats them).
  if (completion.type !== 'ok' && completion.value.length === 0) return;
  const expected = invocation.value;
  const actual = completion.value;
  let same = expected.length === actual.length;
  for (let index = 0; same && index < expected.length; index++) {
    const operation = expected[index] as MicroOperation;
    const other = actual[index] as MicroOperation;
    same = other.f === operation.f && Object.is(other.key, operation.key);
  }
  if (!same)
    throw new InvalidTxnHistoryError(
      `the completion's micro-operations differ from its invocation's ${describeCall(invocation, invokeIndex)}`,
      completion.line,
    );
}
