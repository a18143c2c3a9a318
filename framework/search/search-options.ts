import type { PathEnd } from './search-result.ts';

/** What a search reports while it runs, for the CLI's progress line. */
export interface SearchProgress {
  /** Distinct states seen so far. */
  readonly states: number;
  /** The depth being explored (breadth-first) or the deepest reached (random probes). */
  readonly depth: number;
  /** Undefined without a clock. */
  readonly elapsedMs: number | undefined;
  /** Undefined without a clock, or before any time has passed. */
  readonly statesPerSecond: number | undefined;
  /** Events executed so far (transitions, those that led to states already seen included). */
  readonly events: number;
  /** Events per second; undefined without a clock, or before any time has passed. */
  readonly eventsPerSecond: number | undefined;
  /** Random probes: the probes started so far (undefined for other strategies). */
  readonly probes: number | undefined;
}

/** Options every strategy takes. All limits are optional; a search without any may run forever. */
export interface SearchOptions<State, Event> {
  /**
   * Start from this state instead of the model's initial states: typically a goal an
   * earlier search found (a finding is a `PathEnd`). Reported paths then begin with its
   * path, and depths count from it.
   */
  readonly start?: PathEnd<State, Event>;
  /** States this many events from the start are checked but not expanded. */
  readonly depthLimit?: number;
  /** Stop once this many distinct states have been seen. */
  readonly stateLimit?: number;
  /** Stop after this much wall time; needs `now`. */
  readonly timeLimitMs?: number;
  /** Stop once memory use passes this; measured by `memoryBytes`, or else estimated. */
  readonly memoryLimitBytes?: number;
  /**
   * A clock in milliseconds (the CLI passes its high-resolution wall clock): the framework itself
   * has no wall clock, so that it stays deterministic.
   */
  readonly now?: () => number;
  /**
   * The process's memory use (the CLI passes heap used). Without it, memory is estimated
   * from the visited set and the frontier, which undercounts large states.
   */
  readonly memoryBytes?: () => number;
  /**
   * Called about every `progressIntervalStates` new states, or `progressIntervalEvents`
   * events executed, or `progressIntervalMs` of wall time, whichever comes first (random
   * probes revisit states more often than they find new ones, and a slow model finds few:
   * a line that only counted states would stall).
   */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Default 100,000. */
  readonly progressIntervalStates?: number;
  /** Default 100,000. */
  readonly progressIntervalEvents?: number;
  /** Also report when this much wall time has passed since the last report (needs `now`). */
  readonly progressIntervalMs?: number;
}
