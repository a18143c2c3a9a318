/**
 * Where the paths of a search begin: an initial state of the model, or the end of a path
 * an earlier search found (then `prefix` is that path).
 */
export interface PathRoot<State, Event> {
  readonly parent: undefined;
  readonly initial: State;
  readonly prefix: readonly Event[];
}

/** One step of a path: the event that led to a state, from its parent's state. */
export interface PathStep<State, Event> {
  readonly parent: PathNode<State, Event>;
  readonly event: Event;
}

/**
 * The path to a frontier state, as a chain of steps back to its root. Frontier states
 * share their ancestors' steps, so a search keeps only the paths of the states it may still
 * expand: a step becomes garbage as soon as no live state descends from it.
 */
export type PathNode<State, Event> = PathRoot<State, Event> | PathStep<State, Event>;

/** The initial state a path node descends from, and the events from it, oldest first. */
export function pathTo<State, Event>(node: PathNode<State, Event>): { initial: State; path: Event[] } {
  const reversed: Event[] = [];
  let step = node;
  while (step.parent !== undefined) {
    reversed.push(step.event);
    step = step.parent;
  }
  return { initial: step.initial, path: [...step.prefix, ...reversed.reverse()] };
}
