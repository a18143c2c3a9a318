import { FingerprintSet } from './fingerprint-set.ts';
import type { Model } from './model.ts';
import { pathTo, type PathNode } from './path-node.ts';
import type { Predicate, PredicateFiring } from './predicate.ts';
import { PredicateSet } from './predicate-set.ts';
import { SearchBudget } from './search-budget.ts';
import { exceptionEnding, exhaustedEnding, predicateEnding } from './search-endings.ts';
import type { SearchOptions } from './search-options.ts';
import type { SearchLimit, SearchResult, SearchStatistics } from './search-result.ts';

/** Expansions between checks of the clock and of memory: a node system's take about 0.1 s. */
const CHECK_INTERVAL_EXPANSIONS = 256;
/** A floor for what a frontier entry holds besides its fingerprint: the state and its path step. */
const FRONTIER_ENTRY_BYTES_ESTIMATE = 64;

/**
 * Breadth-first search: explores the states reachable from the start level by level, so
 * the first finding has a shortest path. Only the current and the next level are held,
 * each state with its path as a shared chain of steps; everything else seen is a 64-bit
 * fingerprint in a {@link FingerprintSet}. Invariants and goals are checked on every new
 * state (the start states included), prunes decide whether it is expanded.
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
  private readonly visited = new FingerprintSet();
  private frontier: State[] = [];
  private frontierPaths: PathNode<State, Event>[] = [];
  private transitions = 0;
  private depthReached = 0;

  constructor(
    private readonly model: Model<State, Event>,
    predicates: readonly Predicate<State>[],
    private readonly options: SearchOptions<State, Event>,
  ) {
    this.checks = new PredicateSet(predicates);
    this.budget = new SearchBudget(options);
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

  private addStartStates(): SearchResult<State, Event> | undefined {
    const start = this.options.start;
    const roots =
      start === undefined
        ? this.model.initialStates().map((initial) => ({ state: initial, root: rootOf<State, Event>(initial, []) }))
        : [{ state: start.state, root: rootOf<State, Event>(start.initial, start.path) }];
    for (const { state, root } of roots) {
      const fingerprint = this.model.fingerprint(state);
      if (!this.visited.add(fingerprint.high, fingerprint.low)) continue;
      const ending = this.discovered(state, root);
      if (ending !== undefined) return ending;
    }
    return undefined;
  }

  /**
   * Expands every state of the current level into the next. Kept as one loop over locals
   * that allocates nothing for a successor already seen: this is where a search spends its
   * time.
   */
  private expandLevel(depth: number): SearchResult<State, Event> | undefined {
    const { model, visited, checks, budget } = this;
    const states = this.frontier;
    const paths = this.frontierPaths;
    this.frontier = [];
    this.frontierPaths = [];
    for (let index = 0; index < states.length; index++) {
      const state = states[index]!;
      const events = model.events(state);
      for (let eventIndex = 0; eventIndex < events.length; eventIndex++) {
        const event = events[eventIndex]!;
        this.transitions++;
        let successor: State;
        try {
          successor = model.next(state, event);
        } catch (error) {
          return this.exception(paths[index]!, state, event, error);
        }
        // An unchanged state (a self-loop) is known without looking it up.
        if (successor === state) continue;
        const fingerprint = model.fingerprint(successor);
        if (!visited.add(fingerprint.high, fingerprint.low)) continue;
        this.depthReached = depth + 1;
        const step: PathNode<State, Event> = { parent: paths[index]!, event };
        const firing = checks.finding(successor);
        if (firing !== undefined) return this.found(firing, step, successor);
        if (!checks.pruned(successor)) {
          this.frontier.push(successor);
          this.frontierPaths.push(step);
        }
        if (visited.size >= budget.stateLimit) return this.exhausted('time exhausted', 'states');
      }
      if ((index + 1) % CHECK_INTERVAL_EXPANSIONS === 0) {
        const limit = this.checkBudget(depth, states.length - index);
        if (limit !== undefined) return this.exhausted('time exhausted', limit);
      }
    }
    const limit = this.checkBudget(depth, 0);
    return limit === undefined ? undefined : this.exhausted('time exhausted', limit);
  }

  /** Checks a new start state and queues it; returns the search's ending if it is one. */
  private discovered(state: State, path: PathNode<State, Event>): SearchResult<State, Event> | undefined {
    const firing = this.checks.finding(state);
    if (firing !== undefined) return this.found(firing, path, state);
    if (!this.checks.pruned(state)) {
      this.frontier.push(state);
      this.frontierPaths.push(path);
    }
    if (this.visited.size >= this.budget.stateLimit) return this.exhausted('time exhausted', 'states');
    return undefined;
  }

  private checkBudget(depth: number, unexpandedStates: number): SearchLimit | undefined {
    const frontierEntries = unexpandedStates + this.frontier.length;
    const estimatedBytes = this.visited.sizeBytes + frontierEntries * FRONTIER_ENTRY_BYTES_ESTIMATE;
    return this.budget.check(this.visited.size, depth, estimatedBytes);
  }

  private found(firing: PredicateFiring<State>, node: PathNode<State, Event>, state: State): SearchResult<State, Event> {
    const { initial, path } = pathTo(node);
    return predicateEnding(firing, initial, path, state, this.statistics());
  }

  private exception(node: PathNode<State, Event>, state: State, event: Event, error: unknown): SearchResult<State, Event> {
    const { initial, path } = pathTo(node);
    return exceptionEnding(initial, [...path, event], state, event, error, this.statistics());
  }

  private exhausted(outcome: 'space exhausted' | 'time exhausted', limit: SearchLimit | undefined): SearchResult<State, Event> {
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

function rootOf<State, Event>(initial: State, prefix: readonly Event[]): PathNode<State, Event> {
  return { parent: undefined, initial, prefix };
}
