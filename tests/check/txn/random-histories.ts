import fc from 'fast-check';
import type { TxnEvent } from '../../../framework/check/index.ts';
import { TxnHistoryBuilder, type OperationTuple } from './txn-history-builder.ts';

/** Choices drawn by fast-check, read in turn (and shrunk by fast-check, like any input). */
export class Draws {
  private position = 0;

  constructor(private readonly numbers: readonly number[]) {}

  /** A number in [0, bound). */
  next(bound: number): number {
    if (this.numbers.length === 0) return 0;
    const number = this.numbers[this.position % this.numbers.length] as number;
    this.position++;
    return number % bound;
  }

  /** True with probability about `percent` / 100. */
  chance(percent: number): boolean {
    return this.next(100) < percent;
  }
}

export const drawsArbitrary = fc
  .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 200 })
  .map((numbers) => new Draws(numbers));

const KEYS = ['x', 'y', 'z'] as const;

/** A list-append store: each key's list. */
type Store = Map<string, number[]>;

function listOf(store: Store, key: string): number[] {
  let list = store.get(key);
  if (list === undefined) {
    list = [];
    store.set(key, list);
  }
  return list;
}

/** Random micro-operations, appends with values unique per key. */
function randomTransaction(draws: Draws, nextValue: Map<string, number>): OperationTuple[] {
  const length = 1 + draws.next(3);
  return Array.from({ length }, (): OperationTuple => {
    const key = KEYS[draws.next(KEYS.length)] as string;
    if (draws.chance(50)) return ['r', key, null];
    const value = (nextValue.get(key) ?? 0) + 1;
    nextValue.set(key, value);
    return ['append', key, value];
  });
}

/** Runs a transaction on the store; `staleness` (percent) makes reads drop a random suffix. */
function execute(
  store: Store,
  tuples: readonly OperationTuple[],
  draws: Draws,
  stalenessPercent = 0,
): OperationTuple[] {
  return tuples.map(([f, key, value]): OperationTuple => {
    const list = listOf(store, key as string);
    if (f === 'append') {
      list.push(value as number);
      return [f, key, value];
    }
    const length = draws.chance(stalenessPercent) ? draws.next(list.length + 1) : list.length;
    return [f, key, list.slice(0, length)];
  });
}

/**
 * A strictly serializable history: several processes run transactions concurrently, and
 * each takes effect atomically at one moment between its invocation and its completion.
 * Some fail before taking effect; some end unknown (`info`), whether or not they did.
 */
export function strictSerialHistory(draws: Draws, transactionCount: number): TxnEvent[] {
  const builder = new TxnHistoryBuilder();
  const store: Store = new Map();
  const nextValue = new Map<string, number>();
  const processes = 1 + draws.next(4);
  const running = new Map<number, { tuples: OperationTuple[]; result?: OperationTuple[] }>();
  let started = 0;
  for (
    let step = 0;
    step < transactionCount * 10 && (started < transactionCount || running.size > 0);
    step++
  ) {
    const idle = [...Array(processes).keys()].filter((process) => !running.has(process));
    const action = draws.next(3);
    if (action === 0 && idle.length > 0 && started < transactionCount) {
      const process = idle[draws.next(idle.length)] as number;
      const tuples = randomTransaction(draws, nextValue);
      running.set(process, { tuples });
      builder.invoke(process, tuples);
      started++;
      continue;
    }
    const busy = [...running.keys()];
    if (busy.length === 0) continue;
    const process = busy[draws.next(busy.length)] as number;
    const call = running.get(process) as { tuples: OperationTuple[]; result?: OperationTuple[] };
    if (action === 1 && call.result === undefined) {
      call.result = execute(store, call.tuples, draws);
      continue;
    }
    if (action !== 2) continue;
    running.delete(process);
    if (call.result === undefined) builder.complete(process, draws.chance(70) ? 'fail' : 'info');
    else if (draws.chance(10)) builder.complete(process, 'info');
    else builder.complete(process, 'ok', call.result);
  }
  // Whatever is still open ends unknown, as a crashed client's calls do.
  return builder.events;
}

/**
 * A history that may or may not be serializable: transactions one after another, but
 * some reads are stale prefixes and some failed transactions' appends stay in the store.
 * A last transaction reads every key in full, so the order of every committed append is
 * visible (that is when list-append's inference is complete, and a brute force must agree).
 */
export function sometimesSerialHistory(draws: Draws, transactionCount: number): TxnEvent[] {
  const builder = new TxnHistoryBuilder();
  const store: Store = new Map();
  const nextValue = new Map<string, number>();
  for (let index = 0; index < transactionCount; index++) {
    const tuples = randomTransaction(draws, nextValue);
    const process = index % 3;
    if (draws.chance(15)) {
      if (draws.chance(30)) execute(store, tuples, draws);
      builder.txn(process, tuples, 'fail');
      continue;
    }
    builder.txn(process, execute(store, tuples, draws, 60));
  }
  builder.txn(
    9,
    execute(
      store,
      KEYS.map((key): OperationTuple => ['r', key, null]),
      draws,
    ),
  );
  return builder.events;
}
