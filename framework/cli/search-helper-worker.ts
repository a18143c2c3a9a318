// A search helper thread of `tslabs test --workers N` (started through
// bin/search-helper-worker.js, which registers the TypeScript loader). A model cannot cross
// threads, so the helper runs the same test again, replaying the earlier phases' findings,
// up to the phase it shares in; there it runs its share of the search, sends the result and
// stops the test.
import { workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { executeTest, type Lab } from '../lab/lab-test.ts';
import type { ParallelSearches } from '../lab/parallel-searches.ts';
import { searchReport } from '../lab/run-search-phase.ts';
import { isFinding } from '../search/search-result.ts';
import { findingOrder, ProbeBoard, runProbeShare } from '../search/parallel/probe-share.ts';
import { memoryInUseBytes } from './memory-limit.ts';
import type { SearchHelperMessage, SearchHelperSetup } from './search-helper-protocol.ts';

const setup = workerData as SearchHelperSetup;
const done = new Int32Array(setup.doneBuffer);
const send = (message: SearchHelperMessage): void => setup.port.postMessage(message);
const finish = (message: SearchHelperMessage): void => {
  send(message);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
};

/** Thrown once the share is done, to end the test without running its later phases. */
class ShareDone extends Error {}

const { labs } = (await import(setup.labsModule)) as { labs: readonly Lab[] };
const test = labs
  .find((lab) => lab.id === setup.lab)
  ?.tests.find((candidate) => candidate.part === setup.part && candidate.number === setup.number);
let finished = false;
const share = { worker: setup.worker, workers: setup.workers };
const searches: ParallelSearches = {
  randomProbes(position, request, model, options) {
    if (position.index !== setup.phase) return undefined;
    const result = runProbeShare(
      model,
      request.predicates,
      {
        ...options,
        onProgress: (progress) => send({ kind: 'progress', worker: setup.worker, progress }),
      },
      { ...share, board: new ProbeBoard(setup.boardBuffer) },
    );
    const describedPath = isFinding(result)
      ? result.path.map((event) => request.model.describeEvent(event))
      : [];
    finish({
      kind: 'done',
      worker: setup.worker,
      report: searchReport({ ...result, request, describedPath }),
      limit: isFinding(result) ? undefined : result.limit,
      statistics: {
        uniqueStates: result.uniqueStates,
        transitions: result.transitions,
        probes: result.probes ?? 0,
        depthReached: result.depthReached,
        elapsedMs: result.elapsedMs,
      },
      ...(isFinding(result) ? { order: findingOrder(result, share).toString() } : {}),
    });
    finished = true;
    throw new ShareDone('share done');
  },
};
if (test === undefined) {
  finish({ kind: 'missed', worker: setup.worker, reason: `no test ${setup.part}.${setup.number}` });
} else {
  const execution = executeTest(test, {
    seed: setup.seed,
    variant: setup.variant,
    replaySearches: setup.earlier,
    now: () => performance.now(),
    checks: setup.checks,
    parallelSearches: searches,
    ...(setup.memoryLimitBytes === undefined
      ? {}
      : { memoryLimitBytes: setup.memoryLimitBytes, memoryBytes: memoryInUseBytes }),
  });
  if (!finished)
    finish({
      kind: 'missed',
      worker: setup.worker,
      reason: `the test ended before its search phase ${setup.phase + 1}: ${execution.failure ?? 'it passed'}`,
    });
}
