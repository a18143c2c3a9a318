import type { ClientWorker } from '../core/client-worker.ts';
import { encode, encodedSizeBytes } from '../core/encoding.ts';
import type { HistoryEvent } from '../core/effects.ts';
import type { Node } from '../core/node.ts';
import type { Simulation } from '../sim/simulation.ts';
import { describeValue } from '../sim/simulation-event.ts';
import { CheckFailure } from './lab-test.ts';

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
    const problem = resultsProblem(worker);
    if (problem === undefined) continue;
    // The check knows which result is wrong: its arrival is where the visualizer should open.
    const index = checkedByWorker.get(worker)?.problemIndex;
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
 * How far each worker's results have been checked. Results only ever grow, so the check
 * resumes where it stopped; and search shares one immutable worker object among all the
 * states that contain it, so each distinct worker state is checked once.
 */
const checkedByWorker = new WeakMap<
  ClientWorker,
  { checked: number; problem: string | undefined; problemIndex?: number }
>();

/** The first result of a worker that differs from its expected one, described; or undefined. */
export function resultsProblem(worker: ClientWorker): string | undefined {
  let progress = checkedByWorker.get(worker);
  if (progress === undefined) {
    progress = { checked: 0, problem: undefined };
    checkedByWorker.set(worker, progress);
  }
  while (progress.problem === undefined && progress.checked < worker.results.length) {
    progress.problem = wrongResult(worker, progress.checked);
    if (progress.problem !== undefined) progress.problemIndex = progress.checked;
    progress.checked++;
  }
  return progress.problem;
}

function wrongResult(worker: ClientWorker, index: number): string | undefined {
  const expected = worker.expectedResult(index);
  if (expected === undefined) return undefined;
  const got = worker.results[index];
  if (encode(got) === encode(expected)) return undefined;
  return `${worker.address} command ${index + 1} ${describeValue(worker.commandAt(index))}: expected ${describeValue(expected)}, got ${describeValue(got)}`;
}

/**
 * Appends of unique values to one key are linearizable when every append's result ends with
 * its own value and all results form one chain of prefixes (each longer one extends the
 * shorter ones): then the order of the chain is an order in which the appends took effect.
 */
export function checkAppendsLinearizable(workers: readonly ClientWorker[]): void {
  const appends: { worker: ClientWorker; index: number; value: string; result: string }[] = [];
  for (const worker of workers) {
    worker.results.forEach((result, index) => {
      const command = worker.commandAt(index) as { kind: string; value?: string };
      if (command.kind !== 'Append' || command.value === undefined) return;
      const value = (result as { value?: unknown }).value;
      if (typeof value !== 'string') {
        throw new CheckFailure(
          `${worker.address} command ${index + 1} ${describeValue(command)}: expected an append result, got ${describeValue(result)}`,
        );
      }
      appends.push({ worker, index, value: command.value, result: value });
    });
  }
  appends.sort((a, b) => a.result.length - b.result.length);
  // Unique values, each applied once: no result is longer than every value sent so far (an
  // append applied twice, such as a retransmission executed again, makes one longer).
  let sentLength = 0;
  for (const worker of workers) {
    for (
      let index = 0;
      index < worker.completed + (worker.pendingCommand === undefined ? 0 : 1);
      index++
    ) {
      const command = worker.commandAt(index) as { kind: string; value?: string };
      if (command.kind === 'Append' && command.value !== undefined)
        sentLength += command.value.length;
    }
  }
  const longest = appends[appends.length - 1];
  if (longest !== undefined && longest.result.length > sentLength) {
    throw new CheckFailure(
      `${longest.worker.address} command ${longest.index + 1} got ${describeValue(longest.result)}, longer than all the values appended (${sentLength} characters): an append was applied twice`,
    );
  }
  let previous: (typeof appends)[number] | undefined;
  for (const entry of appends) {
    if (!entry.result.endsWith(entry.value)) {
      throw new CheckFailure(
        `${entry.worker.address} command ${entry.index + 1} appended ${JSON.stringify(entry.value)} but got ${describeValue(entry.result)}, which does not end with it`,
      );
    }
    if (previous !== undefined && !entry.result.startsWith(previous.result)) {
      throw new CheckFailure(
        `append results are not a chain of prefixes: ${previous.worker.address} command ${previous.index + 1} got ${describeValue(previous.result)}, ` +
          `${entry.worker.address} command ${entry.index + 1} got ${describeValue(entry.result)}`,
      );
    }
    previous = entry;
  }
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
