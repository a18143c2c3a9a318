import { FingerprintSet } from './fingerprint-set.ts';
import type { Model } from './model.ts';
import { PackedStateList, stableCopy } from './packed-state-list.ts';
import { PathLevels } from './path-levels.ts';
import type { Predicate, PredicateFiring } from './predicate.ts';
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
import type {
  ExhaustedOutcome,
  SearchLimit,
  SearchResult,
  SearchStatistics,
} from './search-result.ts';
import { packingOf, type StatePacking } from './state-packing.ts';

/** Expansions between checks of the clock and of memory: a node system's take about 0.1 s. */
const CHECK_INTERVAL_EXPANSIONS = 256;
/** A floor for what a frontier state held as an object costs. */
const FRONTIER_ENTRY_BYTES_ESTIMATE = 64;

/** A level's states: objects, or packed words when the model offers a packing. */
type Level<State> = State[] | PackedStateList<State>;

/**
 * Breadth-first search: explores the states reachable from the start level by level, so
 * the first finding has a shortest path. Only the current and the next level's states are
 * held, as objects or, when the model offers a {@link StatePacking}, as flat arrays of
 * words; the paths to them are parent indices and events in flat per-level arrays
 * ({@link PathLevels}); everything else seen is a 64-bit fingerprint in a
 * {@link FingerprintSet}. Invariants and goals are checked on every new state (the start
 * states included), prunes decide whether it is expanded.
 */
export function breadthFirstSearch<State, Event>(
  model: Model<State, Event>,
  predicates: readonly Predicate<State>[],
  options: SearchOptions<State, Event> = {},
): SearchResult<State, Event> {
  return new BreadthFirstSearch(model, predicates, options).run();
}

class BreadthFirstSearch<State, Event> {
  private readonly checks: PredicateSet<State>;
  private readonly budget: SearchBudget;
  private readonly packing: StatePacking<State, Event> | undefined;
  private readonly visited = new FingerprintSet();
  private readonly paths = new PathLevels<State, Event>();
  /** The states of the level being built, parallel to its entries in {@link paths}. */
  private frontier: Level<State>;
  /** A packed level expanded already, whose memory the next level but one reuses. */
  private spare: PackedStateList<State> | undefined;
  private transitions = 0;
  private depthReached = 0;

  constructor(
    private readonly model: Model<State, Event>,
    predicates: readonly Predicate<State>[],
    private readonly options: SearchOptions<State, Event>,
  ) {
    this.checks = new PredicateSet(predicates);
    this.budget = new SearchBudget(options);
    this.packing = packingOf(model);
    this.frontier = this.newLevel(0);
  }

  run(): SearchResult<State, Event> {
    const ending = this.addStartStates();
    if (ending !== undefined) return ending;
    for (let depth = 0; this.frontier.length > 0; depth++) {
      if (depth >= this.budget.depthLimit) return this.exhausted('space exhausted', 'depth');
      const levelEnding = this.expandLevel(depth);
      if (levelEnding !== undefined) return levelEnding;
    }
    return this.exhausted('space exhausted', undefined);
  }

  private newLevel(previousLength: number): Level<State> {
    if (this.packing === undefined) return [];
    const spare = this.spare;
    this.spare = undefined;
    if (spare === undefined) return new PackedStateList(this.packing, previousLength);
    spare.clear();
    return spare;
  }

  private addStartStates(): SearchResult<State, Event> | undefined {
    const start = this.options.start;
    const roots =
      start === undefined
        ? this.model
            .initialStates()
            .map((initial) => ({ state: initial, initial, prefix: [] as readonly Event[] }))
        : [{ state: start.state, initial: start.initial, prefix: start.path }];
    for (const { state, initial, prefix } of roots) {
      const fingerprint = this.model.fingerprint(state);
      if (!this.visited.add(fingerprint.high, fingerprint.low)) continue;
      const verdict = this.checks.examine(state);
      if (verdict instanceof PredicateError)
        return predicateExceptionEnding(verdict, initial, [...prefix], state, this.statistics());
      if (typeof verdict === 'object')
        return predicateEnding(verdict, initial, [...prefix], state, this.statistics());
      if (verdict === 'expand') {
        this.frontier.push(state);
        this.paths.addRoot(initial, prefix);
      }
      if (this.visited.size >= this.budget.stateLimit)
        return this.exhausted('time exhausted', 'states');
    }
    return undefined;
  }

  /**
   * Expands every state of level `depth` into the next. Kept as one loop over locals that
   * allocates nothing for a successor already seen (given a model that allocates nothing
   * for it either): this is where a search spends its time.
   */
  private expandLevel(depth: number): SearchResult<State, Event> | undefined {
    const { model, visited, checks, budget, paths, packing } = this;
    const level = this.frontier;
    const objects = packing === undefined ? (level as (State | undefined)[]) : undefined;
    const packed = packing === undefined ? undefined : (level as PackedStateList<State>);
    const next = this.newLevel(level.length);
    this.frontier = next;
    const stateLimit = budget.stateLimit;
    let transitions = this.transitions;
    for (let index = 0; index < level.length; index++) {
      let state: State;
      if (objects !== undefined) {
        state = objects[index]!;
        // Dropped as soon as it is expanded: its successors hold what they need of it.
        objects[index] = undefined;
      } else {
        state = (packed as PackedStateList<State>).get(index);
      }
      const events = model.events(state);
      for (let eventIndex = 0; eventIndex < events.length; eventIndex++) {
        const event = events[eventIndex]!;
        transitions++;
        let successor: State;
        try {
          successor =
            packing === undefined ? model.next(state, event) : packing.nextTransient(state, event);
        } catch (error) {
          this.transitions = transitions;
          return this.exception(depth, index, state, event, error);
        }
        // An unchanged state (a self-loop) is known without looking it up.
        if (successor === state) continue;
        const fingerprint = model.fingerprint(successor);
        if (!visited.add(fingerprint.high, fingerprint.low)) continue;
        this.depthReached = depth + 1;
        const verdict = checks.examine(successor);
        if (typeof verdict === 'object') {
          this.transitions = transitions;
          return this.found(
            verdict,
            depth,
            index,
            event,
            packing === undefined
              ? successor
              : stableCopy(packing as StatePacking<State, unknown>, successor),
          );
        }
        if (verdict === 'expand') {
          next.push(successor);
          paths.add(index, event);
        }
        if (visited.size >= stateLimit) {
          this.transitions = transitions;
          return this.exhausted('time exhausted', 'states');
        }
      }
      if ((index + 1) % CHECK_INTERVAL_EXPANSIONS === 0) {
        this.transitions = transitions;
        const limit = this.checkBudget(depth, level, level.length - index);
        if (limit !== undefined) return this.exhausted(limitOutcome(limit), limit);
      }
    }
    this.transitions = transitions;
    paths.endLevel();
    // No state unpacked from this level is held any more: the next level but one may overwrite it.
    if (packed !== undefined) this.spare = packed;
    const limit = this.checkBudget(depth, level, 0);
    return limit === undefined ? undefined : this.exhausted(limitOutcome(limit), limit);
  }

  private checkBudget(
    depth: number,
    level: Level<State>,
    unexpandedStates: number,
  ): SearchLimit | undefined {
    const next = this.frontier;
    const frontierBytes =
      next instanceof PackedStateList
        ? next.sizeBytes + (level as PackedStateList<State>).sizeBytes
        : (unexpandedStates + next.length) * FRONTIER_ENTRY_BYTES_ESTIMATE;
    const estimatedBytes =
      this.visited.sizeBytes +
      this.paths.sizeBytes +
      frontierBytes +
      (this.model.sizeBytesEstimate?.() ?? 0);
    return this.budget.check(this.visited.size, depth, estimatedBytes, this.transitions);
  }

  /** A predicate fired (or threw) on the successor of entry `index` of level `depth` by `event`. */
  private found(
    firing: PredicateFiring<State> | PredicateError<State>,
    depth: number,
    index: number,
    event: Event,
    state: State,
  ): SearchResult<State, Event> {
    const { initial, path } = this.paths.pathTo(depth, index);
    path.push(event);
    if (firing instanceof PredicateError)
      return predicateExceptionEnding(firing, initial, path, state, this.statistics());
    return predicateEnding(firing, initial, path, state, this.statistics());
  }

  /** `event` threw when applied to `state`, entry `index` of level `depth`. */
  private exception(
    depth: number,
    index: number,
    state: State,
    event: Event,
    error: unknown,
  ): SearchResult<State, Event> {
    const { initial, path } = this.paths.pathTo(depth, index);
    path.push(event);
    return exceptionEnding(initial, path, state, event, error, this.statistics());
  }

  private exhausted(
    outcome: ExhaustedOutcome,
    limit: SearchLimit | undefined,
  ): SearchResult<State, Event> {
    return exhaustedEnding(outcome, limit, this.statistics());
  }

  private statistics(): SearchStatistics {
    return {
      uniqueStates: this.visited.size,
      transitions: this.transitions,
      depthReached: this.depthReached,
      elapsedMs: this.budget.elapsedMs(),
    };
  }
}
