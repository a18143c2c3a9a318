import { sameEventByDefault, type Model } from './model.ts';
import type { Predicate } from './predicate.ts';
import { PredicateError, PredicateSet } from './predicate-set.ts';

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
  /**
   * With `predicate`, that predicate threw on `state`, which `path.slice(0, step)` leads to; else
   * `path[step]` threw.
   */
  | {
      readonly outcome: 'exception thrown';
      readonly step: number;
      readonly state: State;
      readonly event: Event | undefined;
      readonly error: unknown;
      readonly predicate?: Predicate<State>;
    }
  | {
      readonly outcome: 'diverged';
      readonly step: number;
      readonly state: State;
      readonly event: Event;
    };

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
    // Prunes too, as the search tested them: one that throws is a finding to reproduce.
    const firing = checks.examine(state);
    if (firing instanceof PredicateError)
      return {
        outcome: 'exception thrown',
        step,
        state,
        event: path[step - 1],
        error: firing.cause,
        predicate: firing.predicate,
      };
    if (typeof firing === 'object') {
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
function enabledEvent<State, Event>(
  model: Model<State, Event>,
  state: State,
  recorded: Event,
): Event | undefined {
  const same =
    model.sameEvent?.bind(model) ?? ((a: Event, b: Event) => sameEventByDefault(model, a, b));
  return model.events(state).find((enabled) => same(recorded, enabled));
}
