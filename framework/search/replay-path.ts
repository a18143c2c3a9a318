import { sameEventByDefault, type Model } from './model.ts';
import type { Predicate } from './predicate.ts';
import { PredicateSet } from './predicate-set.ts';

/**
 * How a replay ended. `step` counts the events applied before it ended, so `path.slice(0,
 * step)` leads to `state`; for "exception thrown" and "diverged", `path[step]` is the event
 * that threw or that is not enabled in `state`.
 */
export type ReplayResult<State, Event> =
  | { readonly outcome: 'completed'; readonly step: number; readonly state: State }
  | {
      readonly outcome: 'invariant violated' | 'goal found';
      readonly step: number;
      readonly state: State;
      readonly predicate: Predicate<State>;
      readonly detail: string | undefined;
    }
  | { readonly outcome: 'exception thrown'; readonly step: number; readonly state: State; readonly event: Event; readonly error: unknown }
  | { readonly outcome: 'diverged'; readonly step: number; readonly state: State; readonly event: Event };

/**
 * Re-executes a path from `initial`, checking invariants and goals on every state (the
 * initial one included). It stops at the first violation or goal, at an event that throws,
 * or at the first event that is not enabled where the path has it (the code has diverged
 * from the path's recording); otherwise it completes. A recorded event is matched to an
 * enabled one with the model's `sameEvent`, and the enabled one is applied.
 */
export function replayPath<State, Event>(
  model: Model<State, Event>,
  initial: State,
  path: readonly Event[],
  predicates: readonly Predicate<State>[],
): ReplayResult<State, Event> {
  const checks = new PredicateSet(predicates);
  let state = initial;
  for (let step = 0; ; step++) {
    const firing = checks.finding(state);
    if (firing !== undefined) {
      const outcome = firing.predicate.kind === 'invariant' ? 'invariant violated' : 'goal found';
      return { outcome, step, state, predicate: firing.predicate, detail: firing.detail };
    }
    if (step === path.length) return { outcome: 'completed', step, state };
    const recorded = path[step]!;
    const event = enabledEvent(model, state, recorded);
    if (event === undefined) return { outcome: 'diverged', step, state, event: recorded };
    try {
      state = model.next(state, event);
    } catch (error) {
      return { outcome: 'exception thrown', step, state, event, error };
    }
  }
}

/** The enabled event that a recorded one stands for, or undefined if none does. */
function enabledEvent<State, Event>(model: Model<State, Event>, state: State, recorded: Event): Event | undefined {
  const same = model.sameEvent?.bind(model) ?? ((a: Event, b: Event) => sameEventByDefault(model, a, b));
  return model.events(state).find((enabled) => same(recorded, enabled));
}
