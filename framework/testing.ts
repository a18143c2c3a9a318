/**
 * `tslabs/testing`: the lab and test author's API. Numbered lab tests and what runs them,
 * the run checks a run test calls on its simulation, the search requests and predicates of
 * a search test, the node system as a search model with a read-only view of its states,
 * client workloads, and the explore setups of the visualizer.
 *
 * Each check is named by one stem, in up to three forms:
 * - the search predicate: a constant in capitals (`RESULTS_OK`), or a factory when it takes
 *   parameters (`resultsLinearizable(spec)`); its display name is the stem in words
 *   (`results OK`);
 * - the run check, `check` and the stem (`checkResultsOk(simulation)`), which throws a
 *   {@link CheckFailure} with the problem text;
 * - the problem text both share, the stem and `Problem` (`resultsOkProblem`): what is wrong,
 *   or undefined.
 *
 * A goal (`CLIENTS_DONE`) has no problem text, being a condition to reach rather than a
 * violation; a prune on a goal's condition is the goal's name and `_PRUNE`, displayed
 * `prune when` and the goal's display name (`CLIENTS_DONE_PRUNE`, `prune when clients done`),
 * so that a search's list of predicates tells the two apart.
 *
 * @packageDocumentation
 */
export {
  executeTest,
  labTest,
  LabTestDefinitionError,
  RUN_TEST_TIME_LIMIT_S,
  SEARCH_TEST_TIME_LIMIT_S,
  testTimeLimitS,
  type Lab,
  type LabTest,
  type SwarmScenario,
  type TestContext,
  type TestExecution,
  type TestExecutionOptions,
} from './lab/lab-test.ts';
export { findLab, labList, type LabRegistry } from './lab/lab-registry.ts';
export { CheckFailure, type FailureLocation } from './lab/check-failure.ts';
export type { SearchReport } from './lab/search-report.ts';
export {
  checkAppendsLinearizable,
  checkClientsDone,
  checkMaxWaitBelow,
  checkResultsOk,
  checkStateSizeAbove,
  checkStateSizeBelow,
  checkThat,
  maxWaitMs,
  stateSizeBytes,
} from './lab/run-checks.ts';
export { appendsLinearizableProblem, resultsOkProblem } from './system/client-problems.ts';
export {
  checkResultsLinearizable,
  type LinearizableCheckOptions,
} from './lab/results-linearizable-check.ts';
export { resultsLinearizable, resultsLinearizableProblem } from './system/results-linearizable.ts';
export { checkTransactionsConsistent } from './lab/transactions-consistent-check.ts';
export {
  ANOMALY_GROUPS,
  transactionsConsistent,
  transactionsConsistentProblem,
  type AnomalyGroup,
  type TransactionsConsistentOptions,
  type TxnRecorder,
} from './system/transactions-consistent.ts';
export {
  expectGoal,
  expectOutcome,
  type LabSearchResult,
  type SearchRequest,
} from './lab/search-phase.ts';
export {
  goal,
  invariant,
  prune,
  VacuousPredicateError,
  type Predicate,
  type PredicateKind,
  type PredicateVerdict,
} from './search/predicate.ts';
export {
  isFinding,
  type Finding,
  type PathEnd,
  type SearchLimit,
  type SearchOutcome,
  type SearchResult,
} from './search/search-result.ts';
export {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
} from './system/system-predicates.ts';
export {
  nodesInvariant,
  type NodesCheck,
  type NodesInvariantOptions,
} from './system/node-predicate.ts';
export { memoizedByNetwork } from './system/network-memo.ts';
export {
  controlledNodes,
  describeControl,
  type ControlEvent,
  type NodeControlAction,
} from './sim/control-event.ts';
export { Connectivity, type ConnectivitySettings } from './core/connectivity.ts';
export { sumMessageCounts, type MessageCounts } from './sim/message-counts.ts';
export { pathMessageCounts } from './system/path-message-counts.ts';
export { findNode } from './core/node.ts';
export { SystemBuilder } from './system/system-builder.ts';
export { HandlerCheckError, SystemModel } from './system/system-model.ts';
export { SystemState } from './system/system-state.ts';
export type { Envelope, TimerEntry } from './system/node-system.ts';
export type { SystemSearchSettings } from './system/system-search-settings.ts';
export { HandlerError, type HandlerFailure, type HandlerMode } from './core/handler-error.ts';
export { Simulation, type PendingEvent, type SimulationOptions } from './sim/simulation.ts';
export {
  DEFAULT_NETWORK,
  InvalidSettingsError,
  networkSettings,
  type NetworkSettings,
} from './sim/network-settings.ts';
export { describeEvent, describeValue, type SimulationEvent } from './sim/simulation-event.ts';
export type { HistoryEvent } from './core/effects.ts';
export { ClientWorker } from './core/client-worker.ts';
export {
  infiniteWorkload,
  InvalidWorkloadError,
  scriptedWorkload,
  substitute,
  workloadSize,
  type SubstitutionContext,
  type Workload,
} from './core/workload.ts';
export { seededRandom, type RandomSource } from './core/random.ts';
export {
  ExploreOptionError,
  exploreOptions,
  type ExploreOptions,
  type ExploreOptionSpec,
  type ExploreRange,
  type ExploreRequested,
  type ExploreSetup,
  type ExploreSystem,
  type LabVariants,
} from './lab/explore-setup.ts';
export { describeFaultProfile, type FaultProfile, type FaultWindow } from './lab/fault-profile.ts';
export { runWithFaults, type FaultTargets } from './lab/run-with-faults.ts';
export {
  stateMapEntries,
  stateObjects,
  type StateSummary,
  type SummaryTable,
} from './lab/state-summary.ts';
