import type { SearchProgress } from '../search/search-options.ts';
import type { LogLevel } from './event-printer.ts';
import type { SingleTestOptions, SingleTestResult } from './single-test.ts';

/** What a test worker thread is started with. */
export interface TestWorkerSetup {
  /** URL of the module whose `labs` export is the lab registry (the CLI's, or a test's). */
  readonly labsModule: string;
  /**
   * chalk's color level in the main thread: a worker's stdout is no terminal, so it cannot tell for
   * itself.
   */
  readonly colorLevel: 0 | 1 | 2 | 3;
}

/**
 * One test to run, sent to the worker: which test, and the options that reach it (those
 * that cross threads as data; the worker makes the callbacks itself).
 */
export interface TestRequest extends Omit<
  SingleTestOptions,
  'onEvent' | 'onSearchProgress' | 'parallelSearches'
> {
  readonly lab: string;
  readonly part: number;
  readonly number: number;
  readonly logLevel: LogLevel;
  /** `--workers N`: threads for the test's searches (1: the test's own thread only). */
  readonly workers: number;
}

/**
 * What a worker sends: `ready` once it has loaded the labs (a test's time limit starts
 * after that), then while and after running a test: each log line as it is written
 * (so that the lines before a hang are seen), search progress, then the result.
 */
export type TestWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'progress'; readonly description: string; readonly progress: SearchProgress }
  | { readonly kind: 'done'; readonly result: SingleTestResult };
