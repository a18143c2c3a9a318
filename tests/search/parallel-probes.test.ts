import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { TestThread } from '../../framework/cli/test-thread.ts';
import type { TestRequest } from '../../framework/cli/test-worker-protocol.ts';
import {
  findingOrder,
  ProbeBoard,
  probeShareSeed,
  runProbeShare,
} from '../../framework/search/parallel/probe-share.ts';
import { isFinding } from '../../framework/search/search-result.ts';
import { FAR_CELL_AVOIDED, WalkModel } from '../fixtures/walk-lab.ts';

const WALK_LABS = new URL('../fixtures/walk-lab.ts', import.meta.url).href;
const OPTIONS = { seed: 7, depthLimit: 60, probeLimit: 5_000 } as const;

/** Runs every share of a parallel search in this thread, one after another, in `order`. */
function sharesInOrder(workers: number, order: readonly number[]) {
  const board = new ProbeBoard();
  const results = order.map((worker) => ({
    worker,
    result: runProbeShare(new WalkModel(), [FAR_CELL_AVOIDED], OPTIONS, {
      worker,
      workers,
      board,
    }),
  }));
  const found = results
    .filter(({ result }) => isFinding(result))
    .map(({ worker, result }) => ({
      worker,
      order: findingOrder(result, { worker, workers }),
      result,
    }))
    .sort((a, b) => (a.order < b.order ? -1 : 1))[0];
  return { found, board };
}

describe('parallel random probes', () => {
  it('one worker is the single-thread search, with the test seed itself', () => {
    expect(probeShareSeed(7, 0, 1)).toBe(7);
    const seeds = [0, 1, 2, 3].map((worker) => probeShareSeed(7, worker, 4));
    expect(new Set(seeds).size).toBe(4);
    expect(probeShareSeed(7, 2, 4)).toBe(seeds[2]);
  });

  it('the earliest finding does not depend on which worker ran first', () => {
    const forward = sharesInOrder(3, [0, 1, 2]);
    const backward = sharesInOrder(3, [2, 1, 0]);
    expect(forward.found).toBeDefined();
    expect(backward.found?.order).toBe(forward.found?.order);
    expect(backward.found?.worker).toBe(forward.found?.worker);
    const pathOf = (found: typeof forward.found) =>
      found !== undefined && isFinding(found.result) ? found.result.path : undefined;
    expect(pathOf(backward.found)).toEqual(pathOf(forward.found));
    expect(forward.board.earliest()).toBe(forward.found?.order);
    // A worker that runs after the earliest finding was posted stops at its place in the order.
    const stopped = sharesInOrder(3, [
      forward.found!.worker,
      ...[0, 1, 2].filter((w) => w !== forward.found!.worker),
    ]);
    expect(stopped.found?.order).toBe(forward.found?.order);
  });
});

describe('tslabs test --workers N on random probes', () => {
  async function runWalkTest(number: number, workers: number): Promise<readonly string[]> {
    const thread = new TestThread({ labsModule: WALK_LABS, colorLevel: 0 }, () =>
      performance.now(),
    );
    const request: TestRequest = {
      lab: 'walk',
      part: 1,
      number,
      seed: 7,
      variant: undefined,
      saveTraces: false,
      checks: false,
      tracesDirectory: '.',
      wantTrace: false,
      logLevel: 'off',
      workers,
    };
    try {
      const outcome = await thread.run(request, undefined, {
        line: () => undefined,
        progress: () => undefined,
      });
      if (outcome.kind !== 'done') throw new Error(`the test ${outcome.kind}`);
      expect(outcome.result.passed).toBe(false);
      return outcome.result.details;
    } finally {
      await thread.close();
    }
  }

  /** The failure's trace: the lines after "trace (N events):". */
  function traceOf(details: readonly string[]): readonly string[] {
    const at = details.findIndex((line) => line.includes('trace ('));
    expect(at).toBeGreaterThan(-1);
    return details.slice(at);
  }

  it('the same seed and worker count give the same finding, minimized; the first finding stops the rest', async () => {
    const first = await runWalkTest(1, 2);
    const second = await runWalkTest(1, 2);
    expect(traceOf(second)).toEqual(traceOf(first));
    // Minimized as one thread's finding is: the far cell is 13 steps from the corner.
    expect(traceOf(first)[0]).toContain('trace (13 events)');
    expect(first.join('\n')).toContain('invariant "far cell avoided"');
  });

  it("a random phase that starts from an earlier phase's goal reaches it again in every thread", async () => {
    const details = await runWalkTest(2, 3);
    const text = details.join('\n');
    expect(text).toContain('breadth-first search, to the third column: goal found, 7 states');
    expect(text).toContain('random search, walks from the third column: invariant violated');
    expect(traceOf(details)[0]).toContain('trace (13 events)');
    expect(details.join('\n')).toContain('invariant "far cell avoided"');
  });
});
