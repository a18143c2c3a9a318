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

/**
 * Builds the entry list of operations with these call and return times (a return time of
 * `Infinity`: unknown outcome). Typed arrays and no closures: this runs once per partition,
 * and histories split by key have many small partitions.
 */
export function buildEntryList(callTimes: Float64Array, returnTimes: Float64Array): EntryList {
  const operationCount = callTimes.length;
  const entryCount = operationCount * 2;
  // Entry e < n is the call of operation e, e >= n the return of operation e - n.
  const times = new Float64Array(entryCount);
  times.set(callTimes);
  times.set(returnTimes, operationCount);
  const order = sortedEntries(times, operationCount);
  const operationOfEntry = new Int32Array(entryCount);
  const returnOfEntry = new Int32Array(entryCount);
  const callOfOperation = new Int32Array(operationCount);
  const returnOfOperation = new Int32Array(operationCount);
  for (let position = 0; position < entryCount; position++) {
    const raw = order[position] as number;
    const operation = raw < operationCount ? raw : raw - operationCount;
    operationOfEntry[position] = operation;
    if (raw < operationCount) callOfOperation[operation] = position;
    else returnOfOperation[operation] = position;
    returnOfEntry[position] = -1;
  }
  const completed = new Uint8Array(operationCount);
  let completedCount = 0;
  for (let operation = 0; operation < operationCount; operation++) {
    returnOfEntry[callOfOperation[operation] as number] = returnOfOperation[operation] as number;
    if (returnTimes[operation] !== Infinity) {
      completed[operation] = 1;
      completedCount++;
    }
  }
  return {
    operationCount,
    operationOfEntry,
    returnOfEntry,
    callOfOperation,
    returnOfOperation,
    completed,
    completedCount,
  };
}

/**
 * Entries in list order: by time, calls before returns at equal times, then by number (a stable
 * merge sort).
 */
function sortedEntries(times: Float64Array, operationCount: number): Int32Array {
  const count = times.length;
  let from = new Int32Array(count);
  let to = new Int32Array(count);
  for (let entry = 0; entry < count; entry++) from[entry] = entry;
  for (let width = 1; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const middle = Math.min(start + width, count);
      const end = Math.min(start + 2 * width, count);
      let left = start;
      let right = middle;
      for (let out = start; out < end; out++) {
        const takeLeft =
          right >= end ||
          (left < middle &&
            !entryBefore(times, operationCount, from[right] as number, from[left] as number));
        to[out] = takeLeft ? (from[left++] as number) : (from[right++] as number);
      }
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

/** Whether entry `a` comes strictly before entry `b` in the list. */
function entryBefore(times: Float64Array, operationCount: number, a: number, b: number): boolean {
  const timeA = times[a] as number;
  const timeB = times[b] as number;
  if (timeA !== timeB) return timeA < timeB;
  const returnA = a >= operationCount;
  if (returnA !== b >= operationCount) return !returnA;
  return a < b;
}
