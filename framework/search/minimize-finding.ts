import { sameFailure } from './minimize.ts';
import type { Model } from './model.ts';
import type { Predicate } from './predicate.ts';
import { replayPath } from './replay-path.ts';
import type { Finding } from './search-result.ts';
import { shortenPath } from './shorten-path.ts';

/**
 * Minimizes a finding's path, then shortens it further with bounded searches from its
 * states (see {@link shortenPath}), and returns the finding as the shorter path reproduces
 * it: same kind, same predicate or same exception.
 */
export function minimizeFinding<State, Event>(
  model: Model<State, Event>,
  finding: Finding<State, Event>,
  predicates: readonly Predicate<State>[],
): Finding<State, Event> {
  const reproduces = sameFailure(finding);
  const target =
    'predicate' in finding && finding.predicate !== undefined ? [finding.predicate] : [];
  const path = shortenPath({
    model,
    initial: finding.initial,
    path: finding.path,
    predicates,
    reproduces,
    target,
  });
  const replay = replayPath(model, finding.initial, path, predicates);
  const { initial } = finding;
  switch (replay.outcome) {
    case 'invariant violated':
    case 'goal found':
      return {
        outcome: replay.outcome,
        predicate: replay.predicate,
        detail: replay.detail,
        initial,
        path,
        state: replay.state,
      };
    case 'exception thrown':
      return {
        outcome: replay.outcome,
        initial,
        path,
        state: replay.state,
        event: replay.event,
        error: replay.error,
        ...(replay.predicate === undefined ? {} : { predicate: replay.predicate }),
      };
    case 'completed':
    case 'diverged':
      throw new Error(
        `minimize: the minimized path no longer reproduces (${replay.outcome}); is the model deterministic?`,
      );
  }
}
