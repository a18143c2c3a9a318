// A strictly serializable list-append history for the txncheck benchmarks: 10 concurrent
// clients, 4 micro-operations per transaction (reads or appends, evenly), over a pool of active
// keys, each key retired after 32 appends (Jepsen's max-writes-per-key) so that reads stay short.
import type { MicroOperation, TxnEvent } from '../framework/check/index.ts';

const OPERATIONS_PER_TRANSACTION = 4;
const CLIENTS = 10;
const APPENDS_PER_KEY_MAX = 32;
export const SEED = 20_260_101;

/** xorshift32: the benchmark's own seeded choices (the framework's generator is for runs). */
function generator(seed: number): (bound: number) => number {
  let state = seed | 0 || 1;
  return (bound) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % bound;
  };
}

/**
 * A strictly serializable list-append history: clients invoke, take effect (atomically, in
 * the order of the draws) and complete, interleaved.
 */
export function listAppendHistory(transactions: number, keyPool: number, seed = SEED): TxnEvent[] {
  const next = generator(seed);
  const lists = new Map<number, number[]>();
  const active = Array.from({ length: keyPool }, (_, index) => index);
  let nextKey = keyPool;
  const events: TxnEvent[] = [];
  const open = Array.from(
    { length: CLIENTS },
    (): { operations: MicroOperation[]; done: MicroOperation[] | undefined } | undefined =>
      undefined,
  );
  let started = 0;
  let openCount = 0;
  while (started < transactions || openCount > 0) {
    const client = next(CLIENTS);
    const call = open[client];
    if (call === undefined) {
      if (started === transactions) continue;
      const operations = Array.from({ length: OPERATIONS_PER_TRANSACTION }, (): MicroOperation => {
        const slot = next(keyPool);
        const key = active[slot] as number;
        return next(2) === 0 ? { f: 'r', key, value: null } : { f: 'append', key, value: 0 };
      });
      open[client] = { operations, done: undefined };
      events.push({ process: client, type: 'invoke', value: operations });
      started++;
      openCount++;
    } else if (call.done === undefined) {
      call.done = call.operations.map((operation): MicroOperation => {
        let list = lists.get(operation.key as number);
        if (list === undefined) {
          list = [];
          lists.set(operation.key as number, list);
        }
        if (operation.f === 'r') return { ...operation, value: list.slice() };
        const value = list.length + 1;
        list.push(value);
        if (list.length >= APPENDS_PER_KEY_MAX) {
          const slot = active.indexOf(operation.key as number);
          active[slot] = nextKey++;
        }
        return { ...operation, value };
      });
      // The invocation names the appended values too.
      call.operations.forEach((operation, index) => {
        if (operation.f === 'append')
          (operation as { value: unknown }).value = (call.done as MicroOperation[])[index]?.value;
      });
    } else {
      events.push({ process: client, type: 'ok', value: call.done });
      open[client] = undefined;
      openCount--;
    }
  }
  return events;
}
