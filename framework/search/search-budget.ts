import type { SearchLimit } from './search-result.ts';
import type { SearchOptions } from './search-options.ts';

const PROGRESS_INTERVAL_STATES_DEFAULT = 100_000;
const PROGRESS_INTERVAL_EVENTS_DEFAULT = 100_000;
const MS_PER_SECOND = 1000;

/**
 * The limits of one search and its progress reports. Strategies check the state limit
 * themselves (a comparison per new state) and call {@link SearchBudget.check} every few
 * thousand steps for the costlier ones: reading the clock and measuring memory.
 */
export class SearchBudget {
  readonly depthLimit: number;
  readonly stateLimit: number;
  private readonly timeLimitMs: number;
  private readonly memoryLimitBytes: number;
  private readonly now: (() => number) | undefined;
  private readonly memoryBytes: (() => number) | undefined;
  private readonly onProgress: SearchOptions<unknown, unknown>['onProgress'];
  private readonly progressIntervalStates: number;
  private readonly progressIntervalEvents: number;
  private readonly progressIntervalMs: number;
  private readonly startMs: number | undefined;
  private nextProgressStates: number;
  private nextProgressEvents: number;
  private nextProgressMs: number;

  constructor(options: SearchOptions<unknown, unknown>) {
    this.depthLimit = limitOf(options.depthLimit, 'depthLimit');
    this.stateLimit = limitOf(options.stateLimit, 'stateLimit');
    this.timeLimitMs = limitOf(options.timeLimitMs, 'timeLimitMs');
    this.memoryLimitBytes = limitOf(options.memoryLimitBytes, 'memoryLimitBytes');
    if (this.timeLimitMs !== Infinity && options.now === undefined) {
      throw new RangeError('search: timeLimitMs needs a clock (options.now)');
    }
    this.now = options.now;
    this.memoryBytes = options.memoryBytes;
    this.onProgress = options.onProgress;
    this.progressIntervalStates = limitOf(
      options.progressIntervalStates,
      'progressIntervalStates',
      PROGRESS_INTERVAL_STATES_DEFAULT,
    );
    this.nextProgressStates = this.progressIntervalStates;
    this.progressIntervalEvents = limitOf(
      options.progressIntervalEvents,
      'progressIntervalEvents',
      PROGRESS_INTERVAL_EVENTS_DEFAULT,
    );
    this.nextProgressEvents = this.progressIntervalEvents;
    this.progressIntervalMs = limitOf(options.progressIntervalMs, 'progressIntervalMs');
    this.nextProgressMs = this.progressIntervalMs;
    this.startMs = this.now?.();
  }

  /** Wall time since the search began, or undefined without a clock. */
  elapsedMs(): number | undefined {
    return this.now === undefined || this.startMs === undefined
      ? undefined
      : this.now() - this.startMs;
  }

  /**
   * Reports progress if due, and returns the time or memory limit the search has passed,
   * if any. `estimatedBytes` is the strategy's own estimate of what it holds, used when no
   * `memoryBytes` was given. `events` and `probes` (random probes only) are reported too.
   */
  check(
    states: number,
    depth: number,
    estimatedBytes: number,
    events = 0,
    probes: number | undefined = undefined,
  ): SearchLimit | undefined {
    const elapsedMs = this.elapsedMs();
    const timeDue = elapsedMs !== undefined && elapsedMs >= this.nextProgressMs;
    if (
      this.onProgress !== undefined &&
      (states >= this.nextProgressStates || events >= this.nextProgressEvents || timeDue)
    ) {
      this.nextProgressStates = states + this.progressIntervalStates;
      this.nextProgressEvents = events + this.progressIntervalEvents;
      if (elapsedMs !== undefined) this.nextProgressMs = elapsedMs + this.progressIntervalMs;
      const perSecond = (count: number): number | undefined =>
        elapsedMs === undefined || elapsedMs <= 0 ? undefined : (count * MS_PER_SECOND) / elapsedMs;
      this.onProgress({
        states,
        depth,
        elapsedMs,
        statesPerSecond: perSecond(states),
        events,
        eventsPerSecond: perSecond(events),
        probes,
      });
    }
    if (elapsedMs !== undefined && elapsedMs >= this.timeLimitMs) return 'time';
    if (this.memoryLimitBytes !== Infinity) {
      const bytes = this.memoryBytes === undefined ? estimatedBytes : this.memoryBytes();
      if (bytes >= this.memoryLimitBytes) return 'memory';
    }
    return undefined;
  }
}

function limitOf(value: number | undefined, name: string, unset = Infinity): number {
  if (value === undefined) return unset;
  if (!(value >= 0))
    throw new RangeError(`search: ${name} must be a non-negative number, not ${value}`);
  return value;
}
