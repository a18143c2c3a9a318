/**
 * The history as Wing and Gong's list of call and return entries, in real-time order,
 * ready for the search to unlink and relink (dancing links). Entries are integers; the
 * list and its links are typed arrays, so the search allocates nothing per step.
 *
 * Order: by time; at equal times calls come before returns, so operations that meet at
 * one instant count as concurrent (see `Operation`). An unknown outcome's return entry
 * is placed after every other entry, as if it returned at +infinity.
 */
export interface EntryList {
  readonly operationCount: number;
  /** The operation each entry belongs to. */
  readonly operationOfEntry: Int32Array;
  /** For a call entry, its return entry; for a return entry, -1. */
  readonly returnOfEntry: Int32Array;
  /** The call entry of each operation. */
  readonly callOfOperation: Int32Array;
  /** Each operation's position of its return entry (its rank in real time). */
  readonly returnOfOperation: Int32Array;
  /** 1 where the operation returned (its outcome is known), 0 for unknown outcomes. */
  readonly completed: Uint8Array;
  readonly completedCount: number;
}

/** Builds the entry list of operations with these call and return times (`undefined`: unknown outcome). */
export function buildEntryList(callTimes: readonly number[], returnTimes: readonly (number | undefined)[]): EntryList {
  const operationCount = callTimes.length;
  const entryCount = operationCount * 2;
  // Entry e < n is the call of operation e, e >= n the return of operation e - n; sorted below.
  const order = Array.from({ length: entryCount }, (_, index) => index);
  const timeOf = (entry: number): number => (entry < operationCount ? (callTimes[entry] as number) : (returnTimes[entry - operationCount] ?? Infinity));
  order.sort((a, b) => timeOf(a) - timeOf(b) || Number(a >= operationCount) - Number(b >= operationCount) || a - b);
  const operationOfEntry = new Int32Array(entryCount);
  const returnOfEntry = new Int32Array(entryCount).fill(-1);
  const callOfOperation = new Int32Array(operationCount);
  const returnOfOperation = new Int32Array(operationCount);
  order.forEach((raw, position) => {
    const operation = raw < operationCount ? raw : raw - operationCount;
    operationOfEntry[position] = operation;
    if (raw < operationCount) callOfOperation[operation] = position;
    else returnOfOperation[operation] = position;
  });
  const completed = new Uint8Array(operationCount);
  let completedCount = 0;
  for (let operation = 0; operation < operationCount; operation++) {
    returnOfEntry[callOfOperation[operation] as number] = returnOfOperation[operation] as number;
    if (returnTimes[operation] !== undefined) {
      completed[operation] = 1;
      completedCount++;
    }
  }
  return { operationCount, operationOfEntry, returnOfEntry, callOfOperation, returnOfOperation, completed, completedCount };
}
