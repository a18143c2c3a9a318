/**
 * The public API of tslabs: everything a lab, a test or a protocol of your own imports.
 * Engines' internals stay behind this file.
 *
 * @packageDocumentation
 */
export {
  address,
  addresses,
  rootAddress,
  subAddress,
  InvalidAddressError,
  type Address,
} from './core/address.ts';
export { deepFreeze, type Command, type Message, type Result, type Timer } from './core/message.ts';
export {
  Node,
  MissingHandlerError,
  dispatchMessage,
  dispatchTimer,
  findNode,
  persistentFields,
  type MessageHandlers,
  type NodeClass,
  type TimerHandlers,
} from './core/node.ts';
export {
  NoHandlerRunningError,
  withEffects,
  type EffectSink,
  type HistoryEvent,
} from './core/effects.ts';
export {
  registerStateClass,
  stateClassName,
  StateClassNameTakenError,
  type StateClass,
} from './core/state-classes.ts';
export { encode, encodeNode, encodedSizeBytes, EncodingError } from './core/encoding.ts';
export { cloneState, CloneError } from './core/clone.ts';
export { hashString64, hashToHex, type Hash64 } from './core/hash.ts';
export { seededRandom, type RandomSource } from './core/random.ts';
export type { Application } from './core/application.ts';
export {
  AMOApplication,
  amoCommand,
  type AMOCommand,
  type AMOResult,
} from './core/amo-application.ts';
export type { Client, ClientNode } from './core/client.ts';
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
export {
  Simulation,
  HandlerError,
  type PendingEvent,
  type SimulationOptions,
} from './sim/simulation.ts';
export {
  DEFAULT_NETWORK,
  InvalidSettingsError,
  networkSettings,
  type NetworkSettings,
} from './sim/network-settings.ts';
export { describeEvent, describeValue, type SimulationEvent } from './sim/simulation-event.ts';
export {
  controlledNodes,
  describeControl,
  type ControlEvent,
  type NodeControlAction,
} from './sim/control-event.ts';
export { Connectivity, type ConnectivitySettings } from './core/connectivity.ts';
export { sumMessageCounts, type MessageCounts } from './sim/message-counts.ts';
export { pathMessageCounts } from './system/path-message-counts.ts';
export {
  CheckFailure,
  executeTest,
  RUN_TEST_TIME_LIMIT_S,
  SEARCH_TEST_TIME_LIMIT_S,
  testTimeLimitS,
  type Lab,
  type LabTest,
  type SearchReport,
  type TestContext,
  type TestExecution,
  type TestExecutionOptions,
} from './lab/lab-test.ts';
export {
  checkAppendsLinearizable,
  checkClientsDone,
  checkMaxWaitBelow,
  checkResultsOk,
  checkStateSizeAbove,
  checkStateSizeBelow,
  checkThat,
  maxWaitMs,
  resultsProblem,
  stateSizeBytes,
} from './lab/run-checks.ts';
export { checkLinearizable } from './lab/linearizability-check.ts';
export { linearizableResults } from './system/linearizability-invariant.ts';
export * from './check/index.ts';
export {
  expectGoal,
  expectOutcome,
  type LabSearchResult,
  type SearchRequest,
} from './lab/search-phase.ts';
export type { Fingerprint, Model } from './search/model.ts';
export {
  goal,
  invariant,
  prune,
  VacuousPredicateError,
  type Predicate,
  type PredicateKind,
  type PredicateVerdict,
} from './search/predicate.ts';
export type { SearchOptions, SearchProgress } from './search/search-options.ts';
export {
  isFinding,
  type Finding,
  type PathEnd,
  type SearchLimit,
  type SearchOutcome,
  type SearchResult,
} from './search/search-result.ts';
export { breadthFirstSearch } from './search/breadth-first-search.ts';
export {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  SystemState,
  HandlerCheckError,
  SearchHandlerError,
  type Envelope,
  type SystemSearchSettings,
  type TimerEntry,
} from './system/index.ts';
export {
  ExploreOptionError,
  type ExploreOptions,
  type ExploreRange,
  type ExploreSetup,
  type ExploreSystem,
} from './lab/explore-setup.ts';
export {
  parseTrace,
  serializeTrace,
  TraceFormatError,
  TRACE_FORMAT,
  TRACE_VERSION,
  type Trace,
  type TraceOutcome,
} from './trace/trace-file.ts';
export type { TraceWithSteps } from './trace/trace-steps.ts';
