import { Worker } from 'node:worker_threads';
import type { SearchProgress } from '../search/search-options.ts';
import type { SingleTestResult } from './single-test.ts';
import type { TestRequest, TestWorkerMessage, TestWorkerSetup } from './test-worker-protocol.ts';

const WORKER_ENTRY = new URL('../../bin/test-worker.js', import.meta.url);

/** How a test run in a worker thread ended. */
export type TestThreadOutcome =
  | { readonly kind: 'done'; readonly result: SingleTestResult }
  /** Still running at its time limit: the thread was terminated, handler loop and all. */
  | { readonly kind: 'timed out'; readonly elapsedMs: number }
  /** The thread died under the test (out of memory, `process.exit` in a handler). */
  | { readonly kind: 'crashed'; readonly elapsedMs: number; readonly reason: string }
  /** Stopped by the user (Ctrl-C): the thread was terminated. */
  | { readonly kind: 'interrupted'; readonly elapsedMs: number };

/**
 * Starts the clock of a test's time limit: calls `onLimit` once `limitMs` have passed, unless
 * the returned function is called first. The runner's is the wall clock; the runner's own
 * tests hand in one they control, so that whether a limit passed never depends on the load.
 */
export type LimitClock = (onLimit: () => void, limitMs: number) => () => void;

const wallClock: LimitClock = (onLimit, limitMs) => {
  const timer = setTimeout(onLimit, limitMs);
  return () => clearTimeout(timer);
};

/** Receives what the test writes while it runs. */
export interface TestThreadListener {
  line(text: string): void;
  progress(description: string, progress: SearchProgress): void;
}

/**
 * Runs tests one at a time in a worker thread, so that a test past its time limit can be
 * stopped: `Worker.terminate()` ends even a handler stuck in `for (;;)`, which nothing
 * inside the thread could. One thread serves test after test (loading the labs costs a
 * few hundred ms); a terminated or dead one is replaced for the next test.
 */
export class TestThread {
  private worker: Promise<Worker> | undefined;

  constructor(
    private readonly setup: TestWorkerSetup,
    /** The main thread's clock, in ms. */
    private readonly now: () => number,
    private readonly limitClock: LimitClock = wallClock,
  ) {}

  /**
   * Runs one test; without `timeLimitMs` it may run forever (--no-timeouts). Aborting
   * `signal` (Ctrl-C) stops it at once.
   */
  async run(
    request: TestRequest,
    timeLimitMs: number | undefined,
    listener: TestThreadListener,
    signal?: AbortSignal,
  ): Promise<TestThreadOutcome> {
    if (signal?.aborted === true) return { kind: 'interrupted', elapsedMs: 0 };
    const worker = await (this.worker ??= this.startWorker());
    const start = this.now();
    return new Promise<TestThreadOutcome>((resolve) => {
      let stopLimitClock: (() => void) | undefined;
      let settled = false;
      const onAbort = (): void =>
        settle({ kind: 'interrupted', elapsedMs: this.now() - start }, true);
      const settle = (outcome: TestThreadOutcome, stop: boolean): void => {
        if (settled) return;
        settled = true;
        stopLimitClock?.();
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (stop) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const onMessage = (message: TestWorkerMessage): void => {
        if (message.kind === 'line') listener.line(message.text);
        else if (message.kind === 'progress')
          listener.progress(message.description, message.progress);
        else if (message.kind === 'done') settle({ kind: 'done', result: message.result }, false);
      };
      const onError = (error: Error): void =>
        settle(
          {
            kind: 'crashed',
            elapsedMs: this.now() - start,
            reason: `${error.name}: ${error.message}`,
          },
          true,
        );
      const onExit = (code: number): void =>
        settle(
          {
            kind: 'crashed',
            elapsedMs: this.now() - start,
            reason: `the test's thread exited with code ${code}`,
          },
          true,
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      if (signal?.aborted === true) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort);
      worker.postMessage(request);
      // Last: a limit clock may call back at once (the limit is already past).
      if (timeLimitMs !== undefined)
        stopLimitClock = this.limitClock(
          () => settle({ kind: 'timed out', elapsedMs: this.now() - start }, true),
          timeLimitMs,
        );
      if (settled) stopLimitClock?.();
    });
  }

  /** Ends the thread, so that the process can exit. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await (await worker).terminate();
  }

  /** A new thread, once it has loaded the labs. */
  private startWorker(): Promise<Worker> {
    const worker = new Worker(WORKER_ENTRY, { workerData: this.setup });
    return new Promise((resolve, reject) => {
      const onMessage = (message: TestWorkerMessage): void => {
        if (message.kind !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(worker);
      };
      worker.on('message', onMessage);
      // Loading the labs failed: a bug in a lab module or in tslabs, reported as such.
      worker.on('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`the test thread exited with code ${code} before loading the labs`)),
      );
    });
  }
}
