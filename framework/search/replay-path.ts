import { sameEventByDefault, type Model } from './model.ts';
import type { Predicate } from './predicate.ts';
import { PredicateError, PredicateSet } from './predicate-set.ts';

/**
 * How a replay ended. `step` counts the events applied before it ended, so `path.slice(0,
 * step)` leads to `state`; for "exception thrown" and "diverged", `path[step]` is the event
 * that threw or that is not enabled in `state`.
 */
export type ReplayResult<State, Event, Recorded = Event> =
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
      readonly event: Recorded;
    };

/** One event a replay took: the state it was taken in, and the state it led to or what it threw. */
export type ReplayStep<State, Event> =
  | { readonly step: number; readonly before: State; readonly event: Event; readonly after: State }
  | {
      readonly step: number;
      readonly before: State;
      readonly event: Event;
      readonly error: unknown;
    };

/** How a replay reads its path, and who watches it. */
export interface ReplayOptions<State, Event, Recorded> {
  /**
   * The event a recorded one stands for in `state`, or undefined if the code no longer allows it
   * (the replay has diverged). By default the enabled event that the model's `sameEvent` matches;
   * a path known to be the model's own events (an earlier phase's, with other restrictions) is
   * taken as it is with `(event) => event`.
   */
  readonly resolve?: (recorded: Recorded, state: State) => Event | undefined;
  /** Called with each event taken, in order (to print it, or to draw it as a timeline step). */
  readonly onStep?: (taken: ReplayStep<State, Event>) => void;
}

/**
 * Re-executes a path from `initial`, checking invariants and goals on every state (the
 * initial one included). It stops at the first violation or goal, at an event that throws,
 * or at the first event that is not enabled where the path has it (the code has diverged
 * from the path's recording); otherwise it completes. A recorded event is matched to an
 * enabled one with the model's `sameEvent` (or `options.resolve`), and the enabled one is applied.
 * The one replay of the framework: search phases, minimization, traces, the stepper's timelines
 * and the visualizer all re-execute paths with it.
 */
export function replayPath<State, Event, Recorded = Event>(
  model: Model<State, Event>,
  initial: State,
  path: readonly Recorded[],
  predicates: readonly Predicate<State>[],
  options: ReplayOptions<State, Event, Recorded> = {},
): ReplayResult<State, Event, Recorded> {
  const checks = new PredicateSet(predicates);
  const resolve =
    options.resolve ??
    ((recorded: Recorded, state: State) =>
      enabledEvent(model, state, recorded as unknown as Event));
  const onStep = options.onStep;
  let state = initial;
  let event: Event | undefined;
  for (let step = 0; ; step++) {
    // Prunes too, as the search tested them: one that throws is a finding to reproduce.
    const firing = checks.examine(state);
    if (firing instanceof PredicateError)
      return {
        outcome: 'exception thrown',
        step,
        state,
        event,
        error: firing.cause,
        predicate: firing.predicate,
      };
    if (typeof firing === 'object') {
      const outcome = firing.predicate.kind === 'invariant' ? 'invariant violated' : 'goal found';
      return { outcome, step, state, predicate: firing.predicate, detail: firing.detail };
    }
    if (step === path.length) return { outcome: 'completed', step, state };
    const recorded = path[step] as Recorded;
    event = resolve(recorded, state);
    if (event === undefined) return { outcome: 'diverged', step, state, event: recorded };
    let next: State;
    try {
      next = model.next(state, event);
    } catch (error) {
      onStep?.({ step, before: state, event, error });
      return { outcome: 'exception thrown', step, state, event, error };
    }
    onStep?.({ step, before: state, event, after: next });
    state = next;
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
