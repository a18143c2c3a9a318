import { breadthFirstSearch } from './breadth-first-search.ts';
import { minimizePath, type MinimizeOptions } from './minimize.ts';
import type { Predicate } from './predicate.ts';
import { replayPath } from './replay-path.ts';
import { isFinding } from './search-result.ts';

/** States each breadth-first search from a state of the path may visit. */
const STATES_PER_SEARCH_DEFAULT = 10_000;
/** States all of them may visit together: the shortening's whole budget. */
const STATES_IN_ALL_DEFAULT = 200_000;

/** What to shorten: a minimization's options, the predicate to look for, and the budget. */
export interface ShortenOptions<State, Event> extends MinimizeOptions<State, Event> {
  /**
   * The predicates the searches look for: the one that fired (no other goal or prune
   * should stop or steer them), or none for an exception.
   */
  readonly target: readonly Predicate<State>[];
  readonly statesPerSearch?: number;
  readonly statesInAll?: number;
}

/**
 * Shortens a failing path beyond one-minimality. Dropping events (see {@link minimizePath})
 * cannot replace a detour by a shortcut: a random probe that took twenty events to elect a
 * leader keeps them all if each is needed by the next. So, from the path's states, last to
 * first, a breadth-first search looks for the same failure in fewer events than the path
 * takes from there; a shorter path found is minimized again and the sweep goes on from the
 * same place. Budgets are counted in states, not time, so the result is the same on every
 * machine.
 */
export function shortenPath<State, Event>(options: ShortenOptions<State, Event>): readonly Event[] {
  const { model, initial, predicates, reproduces, target } = options;
  const statesPerSearch = options.statesPerSearch ?? STATES_PER_SEARCH_DEFAULT;
  let budget = options.statesInAll ?? STATES_IN_ALL_DEFAULT;
  let current = minimizePath(options);
  for (let index = current.length - 2; index >= 0 && budget > 0; index--) {
    const prefix = current.slice(0, index);
    const replayed = replayPath(model, initial, prefix, []);
    if (replayed.outcome !== 'completed') break;
    const found = breadthFirstSearch(model, target, {
      start: { initial, path: prefix, state: replayed.state },
      depthLimit: current.length - index - 1,
      stateLimit: Math.min(statesPerSearch, budget),
    });
    budget -= found.uniqueStates;
    if (!isFinding(found) || found.path.length >= current.length) continue;
    if (!reproduces(replayPath(model, initial, found.path, predicates))) continue;
    current = minimizePath({ ...options, path: found.path });
    index = Math.min(index, current.length - 1);
  }
  return current;
}
