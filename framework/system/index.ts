export { InternTable } from './intern-table.ts';
export {
  NodeSystem,
  SearchHandlerError,
  type Envelope,
  type TimerEntry,
  type Transition,
} from './node-system.ts';
export { nodesInvariant, type NodesCheck, type NodesInvariantOptions } from './node-predicate.ts';
export { SystemBuilder } from './system-builder.ts';
export {
  decodeTimerEvent,
  HandlerCheckError,
  SystemModel,
  TIMER_QUEUE_MAX,
} from './system-model.ts';
export type { SystemSearchSettings } from './system-search-settings.ts';
export { SystemState } from './system-state.ts';
export {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
} from './system-predicates.ts';
