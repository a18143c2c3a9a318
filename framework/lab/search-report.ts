import type { SearchOutcome } from '../search/search-result.ts';

/** The part of a search result that the runner prints and saves in a trace. */
export interface SearchReport {
  readonly description: string;
  readonly strategy: 'breadth-first' | 'random';
  readonly outcome: SearchOutcome;
  readonly states: number;
  readonly depth: number;
  readonly elapsedMs: number | undefined;
  /**
   * Events executed (transitions, those that led to states already seen included); absent in traces
   * written before it was recorded.
   */
  readonly events?: number;
  /** Random probes: how many probes ran. */
  readonly probes?: number;
  /** The predicate that fired, and its explanation. */
  readonly predicate?: string;
  readonly detail?: string;
  /** The finding's path, each event described for reading. */
  readonly path: readonly string[];
  /**
   * The same path as complete event keys (the model's `eventKey`): what replay matches against
   * enabled events.
   */
  readonly pathKeys?: readonly string[];
  /**
   * The nodes of the phase's model (sorted), for models that have them: a trace whose path
   * names another node is refused (see the model's `nodeNames`).
   */
  readonly nodes?: readonly string[];
}
