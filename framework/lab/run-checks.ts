import { encodedSizeBytes } from '../core/encoding.ts';
import type { HistoryEvent } from '../core/effects.ts';
import type { Node } from '../core/node.ts';
import type { Simulation } from '../sim/simulation.ts';
import { describeValue } from '../sim/simulation-event.ts';
import {
  appendsLinearizableProblem,
  resultsOkProblem,
  wrongResultIndex,
} from '../system/client-problems.ts';
import { CheckFailure } from './check-failure.ts';

/**
 * Checks for run tests, usable by any lab. Each throws {@link CheckFailure} naming the
 * client, the command, what was expected and what came back.
 */

/** Every client worker finished its workload. */
export function checkClientsDone(simulation: Simulation): void {
  for (const worker of simulation.clientWorkers()) {
    if (!worker.isDone()) {
      const pending = worker.pendingCommand;
      throw new CheckFailure(
        `${worker.address} is not done after ${simulation.nowMs} ms: ${worker.completed} commands completed` +
          (pending === undefined ? '' : `, still waiting for ${describeValue(pending)}`),
      );
    }
  }
}

/** Every result received so far equals the workload's expected result. */
export function checkResultsOk(simulation: Simulation): void {
  for (const worker of simulation.clientWorkers()) {
    const problem = resultsOkProblem(worker);
    if (problem === undefined) continue;
    // The check knows which result is wrong: its arrival is where the visualizer should open.
    const index = wrongResultIndex(worker);
    const arrival = simulation.history.find(
      (entry) =>
        entry.type === 'return' && entry.client === worker.address && entry.index === index,
    );
    throw new CheckFailure(
      problem,
      arrival === undefined
        ? undefined
        : { client: worker.address, timeMicros: arrival.timeMicros },
    );
  }
}

/**
 * The client workers' appends of unique values to one key are linearizable (see
 * {@link appendsLinearizableProblem}).
 */
export function checkAppendsLinearizable(simulation: Simulation): void {
  const problem = appendsLinearizableProblem(simulation.clientWorkers());
  if (problem !== undefined) throw new CheckFailure(problem);
}

/**
 * The longest time any client waited for a result, in ms; a command still pending counts until
 * `nowMs`.
 */
export function maxWaitMs(
  history: readonly HistoryEvent[],
  nowMs: number,
): { waitMs: number; client: string; index: number } {
  const invoked = new Map<string, HistoryEvent>();
  let worst = { waitMs: 0, client: '', index: -1 };
  const consider = (start: HistoryEvent, endMicros: number): void => {
    const waitMs = (endMicros - start.timeMicros) / 1000;
    if (waitMs > worst.waitMs) worst = { waitMs, client: start.client, index: start.index };
  };
  for (const event of history) {
    const key = `${event.client}#${event.index}`;
    if (event.type === 'invoke') invoked.set(key, event);
    else {
      const start = invoked.get(key);
      if (start !== undefined) consider(start, event.timeMicros);
      invoked.delete(key);
    }
  }
  for (const start of invoked.values()) consider(start, nowMs * 1000);
  return worst;
}

/** No client waited longer than `boundMs` for a result. */
export function checkMaxWaitBelow(simulation: Simulation, boundMs: number): void {
  const worst = maxWaitMs(simulation.history, simulation.nowMs);
  if (worst.waitMs >= boundMs) {
    throw new CheckFailure(
      `${worst.client} waited ${worst.waitMs.toFixed(1)} ms for command ${worst.index + 1}; the bound is ${boundMs} ms`,
    );
  }
}

/** The size of a node's state: the bytes of its canonical encoding. */
export function stateSizeBytes(node: Node): number {
  return encodedSizeBytes(node, node.address);
}

/** A node's state is smaller than `boundBytes`. */
export function checkStateSizeBelow(node: Node, boundBytes: number): void {
  const size = stateSizeBytes(node);
  if (size >= boundBytes)
    throw new CheckFailure(
      `${node.address} holds ${formatBytes(size)} of state; the bound is ${formatBytes(boundBytes)}`,
    );
}

/**
 * A node's state is larger than `boundBytes` (to show a garbage-collection test starts from a large
 * state).
 */
export function checkStateSizeAbove(node: Node, boundBytes: number): void {
  const size = stateSizeBytes(node);
  if (size <= boundBytes)
    throw new CheckFailure(
      `${node.address} holds only ${formatBytes(size)} of state; expected more than ${formatBytes(boundBytes)}`,
    );
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${bytes} bytes`;
}

/** Fails with `message` unless `condition` holds. */
export function checkThat(condition: boolean, message: string): void {
  if (!condition) throw new CheckFailure(message);
}
