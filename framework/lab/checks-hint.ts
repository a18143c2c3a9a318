import { breadthFirstSearch } from '../search/breadth-first-search.ts';
import type { Model } from '../search/model.ts';
import type { PathEnd, SearchResult } from '../search/search-result.ts';
import { HandlerCheckError } from '../system/system-model.ts';

/**
 * States the `--checks` probe explores at most: enough to re-run the first handlers of a run, cheap
 * next to the search it explains.
 */
const CHECKS_PROBE_STATES = 2_000;

/**
 * Why a search that should have exhausted its space ran out of budget instead, when
 * `--checks` can tell: a non-deterministic or non-idempotent handler (or an unstable
 * encoding) makes states that should be one look different, and the space endless.
 * Runs a small breadth-first search of the same model with its self-checks on; returns the
 * line to add to the failure, or undefined (a model without self-checks, checks already on,
 * or nothing found).
 */
export function checksHint<State, Event>(
  result: SearchResult<State, Event>,
  searched: { readonly model: Model<State, Event>; readonly start?: PathEnd<State, Event> },
): string | undefined {
  if (result.outcome !== 'time exhausted') return undefined;
  const model = searched.model.withChecks?.();
  if (model === undefined) return undefined;
  const probe = breadthFirstSearch(model, [], {
    stateLimit: CHECKS_PROBE_STATES,
    ...(searched.start === undefined ? {} : { start: searched.start }),
  });
  if (probe.outcome !== 'exception thrown' || !(probe.error instanceof HandlerCheckError))
    return undefined;
  return `--checks finds why: ${probe.error.message}; run with --checks to see its trace`;
}
