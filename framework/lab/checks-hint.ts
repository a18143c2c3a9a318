import { breadthFirstSearch } from '../search/breadth-first-search.ts';
import type { PathEnd, SearchResult } from '../search/search-result.ts';
import { HandlerCheckError, SystemModel } from '../system/system-model.ts';
import type { SystemState } from '../system/system-state.ts';
import type { SearchRequest } from './search-phase.ts';

/**
 * States the `--checks` probe explores at most: enough to re-run the first handlers of a run, cheap
 * next to the search it explains.
 */
const CHECKS_PROBE_STATES = 2_000;

/**
 * Why a search that should have exhausted its space ran out of budget instead, when
 * `--checks` can tell: a non-deterministic or non-idempotent handler (or an unstable
 * encoding) makes states that should be one look different, and the space endless.
 * Runs a small breadth-first search of the same node system with the self-checks on;
 * returns the line to add to the failure, or undefined (another model, checks already
 * on, or nothing found).
 */
export function checksHint<State, Event>(
  result: SearchResult<State, Event> & { readonly request: SearchRequest<State, Event> },
): string | undefined {
  const { request } = result;
  if (
    result.outcome !== 'time exhausted' ||
    !(request.model instanceof SystemModel) ||
    request.model.settings.checks === true
  )
    return undefined;
  const model = request.model.withSettings({ ...request.model.settings, checks: true });
  // A SystemModel's states and events: the request's are the same objects, typed generically.
  const start = request.start as PathEnd<SystemState, number> | undefined;
  const probe = breadthFirstSearch(model, [], {
    stateLimit: CHECKS_PROBE_STATES,
    ...(start === undefined ? {} : { start }),
  });
  if (probe.outcome !== 'exception thrown' || !(probe.error instanceof HandlerCheckError))
    return undefined;
  return `--checks finds why: ${probe.error.message}; run with --checks to see its trace`;
}
