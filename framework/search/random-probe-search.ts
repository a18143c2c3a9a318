import { seededRandom, type RandomSource } from '../core/random.ts';
import { FingerprintSet } from './fingerprint-set.ts';
import type { Model } from './model.ts';
import type { Predicate } from './predicate.ts';
import { PredicateError, PredicateSet } from './predicate-set.ts';
import { SearchBudget } from './search-budget.ts';
import {
  exceptionEnding,
  exhaustedEnding,
  limitOutcome,
  predicateEnding,
  predicateExceptionEnding,
} from './search-endings.ts';
import type { SearchOptions } from './search-options.ts';
import type { PathEnd, SearchLimit, SearchResult, SearchStatistics } from './search-result.ts';

/** Probes go this deep unless told otherwise: a probe must end for the next one to start. */
const DEPTH_LIMIT_DEFAULT = 1000;
/** Steps between checks of the clock and of memory. */
const CHECK_INTERVAL_STEPS = 1024;
const BYTES_PER_PATH_EVENT = 8;
/**
 * What the model's tables may take in (by its own estimate) before they forget it: a fixed
 * number, not a share of the machine's memory, so that a seed gives the same probes
 * everywhere (forgetting renumbers the model's states, and so reorders their events). A
 * node system's estimate counts about 40% of what its tables hold in the heap (the labs'
 * caches keyed by node states are not in it): 10 minutes of lab 3's random search peaked at
 * 642 MB of heap with twice this budget (bench/search-random-paxos.ts).
 */
export const CACHE_BUDGET_BYTES_DEFAULT = 128 * 2 ** 20;

/** Options of a random search: the common ones, a seed, and a number of probes. */
export interface RandomProbeOptions<State, Event> extends SearchOptions<State, Event> {
  /** The same seed (and model) gives the same probes. */
  readonly seed: number;
  /** How many probes to run; this or `timeLimitMs` is needed. */
  readonly probeLimit?: number;
  /**
   * Between probes, once the model's tables have grown by this many bytes (its
   * `sizeBytesEstimate`) since the search began, the model forgets what they took in
   * (`forgetSince`): a long search's memory is then bounded, at the price of computing
   * again what it forgot. Default {@link CACHE_BUDGET_BYTES_DEFAULT}, or a quarter of
   * `memoryLimitBytes` if that is less.
   */
  readonly cacheBudgetBytes?: number;
  /**
   * Asked before each probe (numbered from 0) whether to run it: a parallel search's workers
   * stop once another has found something earlier in their common order (search/parallel).
   * A probe it declines ends the search as "time exhausted" on the probe limit.
   */
  readonly beforeProbe?: (probe: number) => boolean;
}

/**
 * Random depth-first probes: each probe starts from an initial state (or the given start)
 * and takes a random enabled event at each step, until no event is enabled, a prune fires
 * or the depth limit (default 1000) is reached. Deep executions that a breadth-first search
 * would never get to are sampled cheaply. Invariants and goals are checked on each state
 * the first time any probe sees it; the fingerprints seen are kept to count unique states.
 * Finding paths are not shortest: minimize them with {@link minimizeFinding}. A model that
 * can forget (`mark` and `forgetSince`) is made to between probes whenever its tables pass
 * the cache budget, so memory stays bounded however long the search runs.
 */
export function randomProbeSearch<State, Event>(
  model: Model<State, Event>,
  predicates: readonly Predicate<State>[],
  options: RandomProbeOptions<State, Event>,
): SearchResult<State, Event> {
  return new RandomProbeSearch(model, predicates, options).run();
}

class RandomProbeSearch<State, Event> {
  private readonly checks: PredicateSet<State>;
  private readonly budget: SearchBudget;
  private readonly random: RandomSource;
  private readonly visited = new FingerprintSet();
  private readonly probeLimit: number;
  private readonly depthLimit: number;
  private readonly starts: readonly PathEnd<State, Event>[];
  /** The events of the current probe, after its start's own path. */
  private readonly steps: Event[] = [];
  private transitions = 0;
  private probes = 0;
  private depthReached = 0;
  private stepsSinceCheck = 0;
  private readonly cacheBudgetBytes: number;
  /** What the model held when the search began, and its estimated size then. */
  private readonly mark: object | undefined;
  private readonly markBytes: number;
  private readonly beforeProbe: ((probe: number) => boolean) | undefined;

  constructor(
    private readonly model: Model<State, Event>,
    predicates: readonly Predicate<State>[],
    options: RandomProbeOptions<State, Event>,
  ) {
    this.checks = new PredicateSet(predicates);
    this.budget = new SearchBudget(options);
    this.random = seededRandom(options.seed, 'random probes');
    this.probeLimit = options.probeLimit ?? Infinity;
    this.beforeProbe = options.beforeProbe;
    // A state limit alone is no bound: the reachable states may be fewer.
    if (this.probeLimit === Infinity && options.timeLimitMs === undefined) {
      throw new RangeError('random search: set probeLimit or timeLimitMs, or it may never end');
    }
    this.depthLimit =
      this.budget.depthLimit === Infinity ? DEPTH_LIMIT_DEFAULT : this.budget.depthLimit;
    this.starts =
      options.start === undefined
        ? model.initialStates().map((initial) => ({ initial, path: [], state: initial }))
        : [options.start];
    // Under a memory limit, the tables take a quarter of it at most: the search forgets before
    // it would run out.
    this.cacheBudgetBytes =
      options.cacheBudgetBytes ??
      Math.min(CACHE_BUDGET_BYTES_DEFAULT, (options.memoryLimitBytes ?? Infinity) / 4);
    if (!(this.cacheBudgetBytes >= 0))
      throw new RangeError(
        `random search: cacheBudgetBytes must be a non-negative number, not ${this.cacheBudgetBytes}`,
      );
    // Taken after the start states were made: they refer only to what the mark keeps.
    this.mark = model.forgetSince === undefined ? undefined : model.mark?.();
    this.markBytes = model.sizeBytesEstimate?.() ?? 0;
  }

  run(): SearchResult<State, Event> {
    if (this.starts.length === 0)
      return exhaustedEnding('space exhausted', undefined, this.statistics());
    for (let probe = 0; probe < this.probeLimit; probe++) {
      if (this.beforeProbe?.(probe) === false) break;
      const start = this.starts[this.random.integer(0, this.starts.length - 1)]!;
      this.probes++;
      const ending = this.probe(start);
      if (ending !== undefined) return ending;
      // Probes that end at once (no event enabled) must still let the clock be read.
      const limit = this.checkBudget(this.steps.length);
      if (limit !== undefined)
        return exhaustedEnding(limitOutcome(limit), limit, this.statistics());
      this.forgetIfOverBudget();
    }
    return exhaustedEnding('time exhausted', 'probes', this.statistics());
  }

  private probe(start: PathEnd<State, Event>): SearchResult<State, Event> | undefined {
    const { model, steps } = this;
    steps.length = 0;
    let state = start.state;
    for (let depth = 0; ; depth++) {
      const ending = this.visit(start, state);
      if (typeof ending === 'object') return ending;
      if (depth >= this.depthLimit || ending === 'pruned') return undefined;
      const events = model.events(state);
      if (events.length === 0) return undefined;
      const event = events[this.random.integer(0, events.length - 1)]!;
      this.transitions++;
      try {
        state = model.next(state, event);
      } catch (error) {
        return exceptionEnding(
          start.initial,
          [...start.path, ...steps, event],
          state,
          event,
          error,
          this.statistics(),
        );
      }
      steps.push(event);
      this.depthReached = Math.max(this.depthReached, depth + 1);
      const limit = this.checkBudget(depth + 1);
      if (limit !== undefined)
        return exhaustedEnding(limitOutcome(limit), limit, this.statistics());
    }
  }

  /**
   * Checks a state the first time any probe sees it; returns the search's ending, if any,
   * else whether a prune stops the probe here (a state seen before was not pruned, or the
   * probe that saw it would have stopped).
   */
  private visit(
    start: PathEnd<State, Event>,
    state: State,
  ): SearchResult<State, Event> | 'pruned' | 'expand' {
    const fingerprint = this.model.fingerprint(state);
    if (!this.visited.add(fingerprint.high, fingerprint.low)) {
      try {
        return this.checks.pruned(state) ? 'pruned' : 'expand';
      } catch (error) {
        // Only a predicate that is not a function of the state throws on a state it passed before.
        if (error instanceof PredicateError)
          return predicateExceptionEnding(
            error as PredicateError<State>,
            start.initial,
            this.pathTo(start),
            state,
            this.statistics(),
          );
        throw error;
      }
    }
    const verdict = this.checks.examine(state);
    if (verdict instanceof PredicateError)
      return predicateExceptionEnding(
        verdict,
        start.initial,
        this.pathTo(start),
        state,
        this.statistics(),
      );
    if (typeof verdict === 'object')
      return predicateEnding(verdict, start.initial, this.pathTo(start), state, this.statistics());
    if (this.visited.size >= this.budget.stateLimit)
      return exhaustedEnding('time exhausted', 'states', this.statistics());
    return verdict;
  }

  /**
   * The path of the current probe's state, from the initial state. A method, not a closure made
   * per visit: that would cost an allocation on every step for the rare finding.
   */
  private pathTo(start: PathEnd<State, Event>): Event[] {
    return [...start.path, ...this.steps];
  }

  /** Between probes (no state of the last one is used again): see {@link cacheBudgetBytes}. */
  private forgetIfOverBudget(): void {
    const { model, mark } = this;
    if (mark === undefined || model.sizeBytesEstimate === undefined) return;
    if (model.sizeBytesEstimate() - this.markBytes > this.cacheBudgetBytes)
      model.forgetSince?.(mark);
  }

  private checkBudget(depth: number): SearchLimit | undefined {
    if (++this.stepsSinceCheck < CHECK_INTERVAL_STEPS) return undefined;
    this.stepsSinceCheck = 0;
    const estimatedBytes =
      this.visited.sizeBytes +
      this.steps.length * BYTES_PER_PATH_EVENT +
      (this.model.sizeBytesEstimate?.() ?? 0);
    return this.budget.check(
      this.visited.size,
      depth,
      estimatedBytes,
      this.transitions,
      this.probes,
    );
  }

  private statistics(): SearchStatistics {
    return {
      uniqueStates: this.visited.size,
      transitions: this.transitions,
      probes: this.probes,
      depthReached: this.depthReached,
      elapsedMs: this.budget.elapsedMs(),
    };
  }
}
