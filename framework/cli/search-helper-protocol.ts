import type { MessagePort } from 'node:worker_threads';
import type { SearchReport } from '../lab/search-report.ts';
import type { SearchLimit, SearchStatistics } from '../search/search-result.ts';
import type { SearchProgress } from '../search/search-options.ts';

/** Which test a search helper thread runs again, to reach the phase it shares in. */
export interface SearchHelperTest {
  /** URL of the module whose `labs` export is the lab registry. */
  readonly labsModule: string;
  readonly lab: string;
  readonly part: number;
  readonly number: number;
  readonly variant: string | undefined;
  readonly seed: number;
  readonly checks: boolean;
  readonly memoryLimitBytes?: number;
}

/** What a search helper thread is started with: the test, the phase, its share, and channels. */
export interface SearchHelperSetup extends SearchHelperTest {
  readonly phase: number;
  /** The reports of the phases before it, whose findings the helper replays to get there. */
  readonly earlier: readonly SearchReport[];
  readonly worker: number;
  readonly workers: number;
  /** The shared ProbeBoard of the search. */
  readonly boardBuffer: SharedArrayBuffer;
  /** One Int32: how many helpers are done; the coordinator waits on it. */
  readonly doneBuffer: SharedArrayBuffer;
  /** Where the helper sends its messages (read synchronously by the coordinator). */
  readonly port: MessagePort;
}

/** A helper's figures so far, or its share's end. */
export type SearchHelperMessage =
  | { readonly kind: 'progress'; readonly worker: number; readonly progress: SearchProgress }
  | {
      readonly kind: 'done';
      readonly worker: number;
      /** The share's result as a report (a finding's path as event keys, which replay matches). */
      readonly report: SearchReport;
      readonly limit: SearchLimit | undefined;
      readonly statistics: SearchStatistics;
      /** A finding's place in the common order (a bigint's decimal text), if it found one. */
      readonly order?: string;
    }
  /** The test ended before the phase (the code is not deterministic, or a lab bug). */
  | { readonly kind: 'missed'; readonly worker: number; readonly reason: string };
