// The worker thread of `tslabs test` (started through bin/test-worker.js, which registers
// the TypeScript loader): runs the tests the main thread sends, one at a time. It lives in
// a thread of its own so that the main thread can terminate it when a test passes its time
// limit, even in the middle of a handler that never returns.
import chalk from 'chalk';
import { parentPort, workerData } from 'node:worker_threads';
import type { Lab } from '../lab/lab-test.ts';
import { eventPrinter } from './event-printer.ts';
import { runSingleTest } from './single-test.ts';
import type { SearchHelperTest } from './search-helper-protocol.ts';
import { ThreadedSearches } from './threaded-searches.ts';
import { performance } from 'node:perf_hooks';

const now = (): number => performance.now();
import type { TestRequest, TestWorkerMessage, TestWorkerSetup } from './test-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('test-worker.ts runs as a worker thread of tslabs test');
const setup = workerData as TestWorkerSetup;
chalk.level = setup.colorLevel;
const { labs } = (await import(setup.labsModule)) as { labs: readonly Lab[] };

const send = (message: TestWorkerMessage): void => port.postMessage(message);

port.on('message', (request: TestRequest) => {
  const lab = labs.find((candidate) => candidate.id === request.lab);
  const test = lab?.tests.find(
    (candidate) => candidate.part === request.part && candidate.number === request.number,
  );
  // The main thread chose the test from the same registry: a miss is a bug in tslabs.
  if (lab === undefined || test === undefined)
    throw new Error(`test worker: no test ${request.part}.${request.number} in lab ${request.lab}`);
  const result = runSingleTest(lab, test, {
    ...request,
    onEvent: eventPrinter(request.logLevel, (text) => send({ kind: 'line', text })),
    onSearchProgress: (description, progress) => send({ kind: 'progress', description, progress }),
    ...(request.workers > 1
      ? { parallelSearches: new ThreadedSearches(helperTest(request), request.workers, now) }
      : {}),
  });
  send({ kind: 'done', result });
});
send({ kind: 'ready' });

/** What a search helper needs to run this test again. */
function helperTest(request: TestRequest): SearchHelperTest {
  return {
    labsModule: setup.labsModule,
    lab: request.lab,
    part: request.part,
    number: request.number,
    variant: request.variant,
    seed: request.seed,
    checks: request.checks,
    ...(request.memoryLimitBytes === undefined
      ? {}
      : { memoryLimitBytes: request.memoryLimitBytes }),
  };
}
