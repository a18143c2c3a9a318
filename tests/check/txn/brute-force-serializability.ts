import type { MicroOperation, TxnEvent } from '../../../framework/check/index.ts';

/**
 * Whether some order of the committed transactions of a list-append history, run one at a
 * time from empty lists, reproduces every read: the definition of serializability, by
 * trying orders (depth first, abandoning an order at its first wrong read). Failed
 * transactions must leave no trace; histories here have no unknown outcomes.
 */
export function isSerializableByBruteForce(events: readonly TxnEvent[]): boolean {
  const committed = events.filter((event) => event.type === 'ok').map((event) => event.value);
  if (events.some((event) => event.type === 'info'))
    throw new Error('the brute force handles committed and failed transactions only');
  const used = new Array<boolean>(committed.length).fill(false);
  const store = new Map<unknown, unknown[]>();
  const search = (placed: number): boolean => {
    if (placed === committed.length) return true;
    for (let index = 0; index < committed.length; index++) {
      if (used[index] === true) continue;
      const undo = run(store, committed[index] as readonly MicroOperation[]);
      if (undo !== undefined) {
        used[index] = true;
        if (search(placed + 1)) return true;
        used[index] = false;
        undo();
      }
    }
    return false;
  };
  return search(0);
}

/** Runs a transaction if all its reads match; returns how to undo it, or `undefined`. */
function run(
  store: Map<unknown, unknown[]>,
  operations: readonly MicroOperation[],
): (() => void) | undefined {
  const appended: unknown[] = [];
  const undo = (): void => {
    for (const key of appended) (store.get(key) as unknown[]).pop();
  };
  for (const operation of operations) {
    let list = store.get(operation.key);
    if (list === undefined) {
      list = [];
      store.set(operation.key, list);
    }
    if (operation.f === 'append') {
      list.push(operation.value);
      appended.push(operation.key);
      continue;
    }
    const read = (operation.value ?? []) as unknown[];
    if (read.length !== list.length || read.some((value, index) => value !== list[index])) {
      undo();
      return undefined;
    }
  }
  return undo;
}
