import type { Model } from '../search/model.ts';
import type { Predicate } from '../search/predicate.ts';
import type { PathEnd, SearchOutcome, SearchResult } from '../search/search-result.ts';
import { isFinding } from '../search/search-result.ts';
import { checksHint } from './checks-hint.ts';
import { describeException } from './exception-text.ts';
import { CheckFailure } from './check-failure.ts';

/** One search in a search test: what to explore, what to check, how far. */
export interface SearchRequest<State, Event> {
  /** What this phase looks for, e.g. "first decision inside a majority". */
  readonly description: string;
  readonly model: Model<State, Event>;
  readonly predicates: readonly Predicate<State>[];
  readonly strategy: 'breadth-first' | 'random';
  /** Start from where an earlier phase ended (its goal state). */
  readonly start?: PathEnd<State, Event>;
  /** Wall-time budget; default 10 s. */
  readonly timeLimitMs?: number;
  readonly depthLimit?: number;
  readonly stateLimit?: number;
  /** Random strategy: how many probes at most (default: until the time limit). */
  readonly probes?: number;
}

/** A search result together with the request that produced it, so failures can be described. */
export type LabSearchResult<State, Event> = SearchResult<State, Event> & {
  readonly request: SearchRequest<State, Event>;
  /** The finding's path, one readable line per event (empty without a finding). */
  readonly describedPath: readonly string[];
};

const PATH_LINES_SHOWN_MAX = 40;

/** Fails the test unless the search ended with one of `expected`; the message shows the path. */
export function expectOutcome<State, Event>(
  result: LabSearchResult<State, Event>,
  ...expected: SearchOutcome[]
): void {
  if (expected.includes(result.outcome)) return;
  const lines = [
    `search "${result.request.description}": expected ${expected.join(' or ')}, got ${result.outcome} after ${result.uniqueStates} states`,
  ];
  if (expected.includes('space exhausted')) {
    const hint = checksHint(result, result.request);
    if (hint !== undefined) lines.push(hint);
  }
  if (isFinding(result)) {
    if (result.outcome === 'exception thrown') {
      // A predicate is code too: say which one threw, or else it reads as a handler's exception.
      const thrower =
        result.predicate === undefined
          ? ''
          : `${result.predicate.kind} "${result.predicate.name}" threw: `;
      lines.push(`exception: ${thrower}${describeException(result.error)}`);
    } else {
      lines.push(
        `${result.predicate.kind} "${result.predicate.name}"${result.detail === undefined ? '' : `: ${result.detail}`}`,
      );
    }
    lines.push(`trace (${result.describedPath.length} events):`);
    const shown = result.describedPath.slice(0, PATH_LINES_SHOWN_MAX);
    shown.forEach((line, index) => lines.push(`  ${index + 1}. ${line}`));
    if (result.describedPath.length > shown.length)
      lines.push(`  … ${result.describedPath.length - shown.length} more`);
  }
  throw new CheckFailure(lines.join('\n'));
}

/**
 * Fails the test unless the search found its goal; returns where it ended, to start the next phase
 * from.
 */
export function expectGoal<State, Event>(
  result: LabSearchResult<State, Event>,
): PathEnd<State, Event> {
  expectOutcome(result, 'goal found');
  if (result.outcome !== 'goal found') throw new CheckFailure('unreachable');
  return result;
}
