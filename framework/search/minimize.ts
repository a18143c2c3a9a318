import type { Model } from './model.ts';
import type { Predicate } from './predicate.ts';
import { replayPath, type ReplayResult } from './replay-path.ts';
import type { Finding } from './search-result.ts';

/** Replays a minimization may spend before it returns the shortest path found so far. */
const REPLAY_LIMIT_DEFAULT = 10_000;

/** What to minimize, and how to tell that a shorter path still fails the same way. */
export interface MinimizeOptions<State, Event> {
  readonly model: Model<State, Event>;
  readonly initial: State;
  readonly path: readonly Event[];
  /** The predicates to replay with (as in {@link replayPath}). */
  readonly predicates: readonly Predicate<State>[];
  /** Whether a candidate's replay still fails the same way; see {@link sameFailure}. */
  readonly reproduces: (replay: ReplayResult<State, Event>) => boolean;
  /** Default 10,000. */
  readonly replayLimit?: number;
}

/**
 * Shortens a failing path, delta-debugging style: removes chunks of events (half the path,
 * then quarters, down to single events, then single events until none can go) while the
 * replay still reproduces the failure. A candidate in which some event is no longer enabled
 * diverges, and so does not reproduce. A candidate that fails before its end is cut there.
 * The result is 1-minimal (no single event can be dropped) unless the replay limit ran out.
 */
export function minimizePath<State, Event>(
  options: MinimizeOptions<State, Event>,
): readonly Event[] {
  const { model, initial, predicates, reproduces } = options;
  const replayLimit = options.replayLimit ?? REPLAY_LIMIT_DEFAULT;
  let replays = 0;
  /** The candidate cut at its failure, or undefined if it does not reproduce. */
  const tryPath = (candidate: readonly Event[]): readonly Event[] | undefined => {
    replays++;
    const replay = replayPath(model, initial, candidate, predicates);
    return reproduces(replay) ? candidate.slice(0, failureLength(replay)) : undefined;
  };
  let current = tryPath(options.path);
  if (current === undefined)
    throw new Error('minimize: the path does not reproduce the failure to begin with');
  let chunk = Math.max(1, Math.floor(current.length / 2));
  for (;;) {
    let removedAny = false;
    for (let start = 0; start < current.length && replays < replayLimit;) {
      const shorter = tryPath([...current.slice(0, start), ...current.slice(start + chunk)]);
      if (shorter === undefined) start += chunk;
      else {
        current = shorter;
        removedAny = true;
      }
    }
    if (replays >= replayLimit) return current;
    if (chunk > 1) chunk = Math.floor(chunk / 2);
    else if (!removedAny) return current;
  }
}

/**
 * Whether a replay fails the way a finding did: the same invariant violated (or goal
 * reached), by name; or an exception of the same class with the same message.
 */
export function sameFailure<State, Event>(
  finding: Finding<State, Event>,
): (replay: ReplayResult<State, Event>) => boolean {
  return (replay) => {
    if (replay.outcome !== finding.outcome) return false;
    if (replay.outcome === 'exception thrown' && finding.outcome === 'exception thrown') {
      return (
        replay.predicate?.name === finding.predicate?.name &&
        sameException(replay.error, finding.error)
      );
    }
    return (
      'predicate' in replay &&
      'predicate' in finding &&
      replay.predicate !== undefined &&
      replay.predicate.name === finding.predicate?.name
    );
  };
}

function sameException(error: unknown, original: unknown): boolean {
  if (error instanceof Error && original instanceof Error) {
    return (
      Object.getPrototypeOf(error) === Object.getPrototypeOf(original) &&
      error.message === original.message
    );
  }
  return Object.is(error, original);
}

/**
 * The length of the path prefix a failing replay used: through the throwing event, if one threw.
 */
function failureLength<State, Event>(replay: ReplayResult<State, Event>): number {
  return replay.outcome === 'exception thrown' && replay.predicate === undefined
    ? replay.step + 1
    : replay.step;
}
