import type { ClientWorker } from '../core/client-worker.ts';
import { encode } from '../core/encoding.ts';
import { describeValue } from '../sim/simulation-event.ts';

/**
 * The problem texts of the checks on client workers, one function per check, named by the
 * check's stem (see `framework/testing.ts`): the run check (`checkResultsOk`) throws its text,
 * the search predicate (`RESULTS_OK`) returns it.
 */

/**
 * How far each worker's results have been checked. Results only ever grow, so the check
 * resumes where it stopped; and search shares one immutable worker object among all the
 * states that contain it, so each distinct worker state is checked once.
 */
const checkedByWorker = new WeakMap<
  ClientWorker,
  { checked: number; problem: string | undefined; problemIndex?: number }
>();

/**
 * The problem text of "results OK": the first result of a worker that differs from its
 * expected one, described; or undefined.
 */
export function resultsOkProblem(worker: ClientWorker): string | undefined {
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

/** The index of the result {@link resultsOkProblem} found wrong, once it has found one. */
export function wrongResultIndex(worker: ClientWorker): number | undefined {
  return checkedByWorker.get(worker)?.problemIndex;
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
 * The problem text of "appends linearizable", or undefined when they are.
 */
export function appendsLinearizableProblem(workers: readonly ClientWorker[]): string | undefined {
  const appends: { worker: ClientWorker; index: number; value: string; result: string }[] = [];
  let notAnAppendResult: string | undefined;
  for (const worker of workers) {
    worker.results.forEach((result, index) => {
      const command = worker.commandAt(index) as { kind: string; value?: string };
      if (command.kind !== 'Append' || command.value === undefined) return;
      const value = (result as { value?: unknown }).value;
      if (typeof value !== 'string') {
        notAnAppendResult ??= `${worker.address} command ${index + 1} ${describeValue(command)}: expected an append result, got ${describeValue(result)}`;
        return;
      }
      appends.push({ worker, index, value: command.value, result: value });
    });
  }
  if (notAnAppendResult !== undefined) return notAnAppendResult;
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
    return `${longest.worker.address} command ${longest.index + 1} got ${describeValue(longest.result)}, longer than all the values appended (${sentLength} characters): an append was applied twice`;
  }
  let previous: (typeof appends)[number] | undefined;
  for (const entry of appends) {
    if (!entry.result.endsWith(entry.value)) {
      return `${entry.worker.address} command ${entry.index + 1} appended ${JSON.stringify(entry.value)} but got ${describeValue(entry.result)}, which does not end with it`;
    }
    if (previous !== undefined && !entry.result.startsWith(previous.result)) {
      return (
        `append results are not a chain of prefixes: ${previous.worker.address} command ${previous.index + 1} got ${describeValue(previous.result)}, ` +
        `${entry.worker.address} command ${entry.index + 1} got ${describeValue(entry.result)}`
      );
    }
    previous = entry;
  }
  return undefined;
}
