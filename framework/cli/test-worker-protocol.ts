import type { SearchProgress } from '../search/search-options.ts';
import type { LogLevel } from './event-printer.ts';
import type { SingleTestResult } from './single-test.ts';

/** What a test worker thread is started with. */
export interface TestWorkerSetup {
  /** URL of the module whose `labs` export is the lab registry (the CLI's, or a test's). */
  readonly labsModule: string;
  /** chalk's color level in the main thread: a worker's stdout is no terminal, so it cannot tell for itself. */
  readonly colorLevel: 0 | 1 | 2 | 3;
}

/** One test to run, sent to the worker. */
export interface TestRequest {
  readonly lab: string;
  readonly part: number;
  readonly number: number;
  readonly seed: number;
  readonly variant: string | undefined;
  readonly saveTraces: boolean;
  readonly checks: boolean;
  readonly tracesDirectory: string;
  readonly wantTrace: boolean;
  readonly logLevel: LogLevel;
  /** --max-memory, for every search of the test. */
  readonly memoryLimitBytes?: number;
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
