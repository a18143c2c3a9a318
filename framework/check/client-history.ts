import type { HistoryEvent } from '../core/effects.ts';
import { InvalidHistoryError, type History, type Operation } from './operation.ts';

/**
 * Turns the history a simulation records from its client workers (an `invoke` event when a
 * command is submitted, a `return` event when its result arrives) into operations: one per
 * invocation, matched with its return by client and command index. An invocation with no
 * return — the run ended, or the client was stopped, first — has an unknown outcome.
 *
 * Times are the simulator's microseconds. Two events at the same microsecond are the same
 * instant, and the checker treats such a return and invocation as concurrent (see
 * `Operation`), which can hide an ordering but never invent a violation.
 *
 * The type parameters name the command and result types the caller knows the workload
 * to use (the events themselves are untyped).
 */
export function historyFromClientEvents<Input, Output>(
  events: readonly HistoryEvent[],
): History<Input, Output> {
  const operations: {
    process: string;
    callTime: number;
    returnTime?: number;
    input: Input;
    output?: Output;
  }[] = [];
  const open = new Map<string, number>();
  for (const event of events) {
    const key = `${event.index} ${event.client}`;
    if (event.type === 'invoke') {
      if (open.has(key))
        throw new InvalidHistoryError(
          `client ${event.client} invoked command ${event.index} twice`,
        );
      open.set(key, operations.length);
      operations.push({
        process: event.client,
        callTime: event.timeMicros,
        input: event.value as Input,
      });
      continue;
    }
    const id = open.get(key);
    if (id === undefined)
      throw new InvalidHistoryError(
        `client ${event.client} returned from command ${event.index}, which it never invoked (or returned from already)`,
      );
    open.delete(key);
    const operation = operations[id] as (typeof operations)[number];
    operation.returnTime = event.timeMicros;
    operation.output = event.value as Output;
  }
  return operations satisfies Operation<Input, Output>[];
}
