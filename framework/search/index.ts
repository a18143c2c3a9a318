/**
 * The model checker's public API: the model interface, predicates, the breadth-first and
 * random-probe strategies, replay and minimization of findings.
 */
export type { Fingerprint, Model } from './model.ts';
export type { ModelAsKind, ModelKind } from './model-kind.ts';
export { goal, invariant, prune } from './predicate.ts';
export type { Predicate, PredicateFiring, PredicateKind, PredicateVerdict } from './predicate.ts';
export type { SearchOptions, SearchProgress } from './search-options.ts';
export { isFinding } from './search-result.ts';
export type {
  ExceptionFinding,
  ExhaustedOutcome,
  Exhaustion,
  Finding,
  PathEnd,
  PredicateFinding,
  SearchLimit,
  SearchOutcome,
  SearchResult,
  SearchStatistics,
} from './search-result.ts';
export { breadthFirstSearch } from './breadth-first-search.ts';
export {
  CACHE_BUDGET_BYTES_DEFAULT,
  randomProbeSearch,
  type RandomProbeOptions,
} from './random-probe-search.ts';
export { replayPath, type ReplayResult } from './replay-path.ts';
export { minimizePath, sameFailure, type MinimizeOptions } from './minimize.ts';
export { minimizeFinding } from './minimize-finding.ts';
export { shortenPath, type ShortenOptions } from './shorten-path.ts';
export { FingerprintSet } from './fingerprint-set.ts';
