import type { Model } from '../../framework/search/index.ts';

/**
 * The oracle for the search's state counts: a depth-first enumeration that keeps every
 * state whole, as a string in a JavaScript Set, and shares no code with the engine. A
 * state for which `pruned` holds is counted but not expanded.
 */
export function reachableStates<State, Event>(
  model: Model<State, Event>,
  key: (state: State) => string,
  pruned: (state: State) => boolean = () => false,
): Map<string, State> {
  const seen = new Map<string, State>();
  const stack = [...model.initialStates()];
  while (stack.length > 0) {
    const state = stack.pop()!;
    const stateKey = key(state);
    if (seen.has(stateKey)) continue;
    seen.set(stateKey, state);
    if (pruned(state)) continue;
    for (const event of model.events(state)) stack.push(model.next(state, event));
  }
  return seen;
}

/** The number of states at most `depthLimit` events from an initial state, by plain levels. */
export function statesWithin<State, Event>(
  model: Model<State, Event>,
  key: (state: State) => string,
  depthLimit: number,
): number {
  const seen = new Set<string>();
  let level = model
    .initialStates()
    .filter((state) => !seen.has(key(state)) && seen.add(key(state)));
  for (let depth = 0; depth < depthLimit; depth++) {
    level = level.flatMap((state) => model.events(state).map((event) => model.next(state, event)));
    level = level.filter((state) => !seen.has(key(state)) && seen.add(key(state)));
  }
  return seen.size;
}
