/**
 * History checkers: linearizability of recorded histories against sequential
 * specifications, in the class of Porcupine.
 */
export {
  checkLinearizability,
  type CheckOptions,
  type CheckResult,
  type PartitionResult,
  type Verdict,
} from './linearizability.ts';
export type { CheckBudget } from './check-budget.ts';
export {
  assertValidHistory,
  hasUnknownOutcome,
  InvalidHistoryError,
  type History,
  type Operation,
} from './operation.ts';
export type {
  AnySequentialSpec,
  HistoryPartition,
  SequentialSpec,
  StepResult,
} from './sequential-spec.ts';
export { kvSpec, type KVSpecOptions, type MissingKeyModel } from './kv-spec.ts';
export {
  describeKVCommand,
  describeKVResult,
  type KVCommand,
  type KVResult,
} from './kv-commands.ts';
export type { KVEntry, KVState } from './kv-state.ts';
export {
  registerSpec,
  type RegisterCommand,
  type RegisterResult,
  type RegisterSpecOptions,
  type RegisterValue,
} from './register-spec.ts';
export {
  keysOfTxnCommand,
  txnKVSpec,
  type TxnCommand,
  type TxnKVSpecOptions,
  type TxnResult,
} from './txn-kv-spec.ts';
export { historyFromClientEvents } from './client-history.ts';
export type {
  OperationView,
  PartitionExplanation,
  PrefixStep,
  StuckOperation,
  ViolationExplanation,
} from './explanation.ts';
export {
  formatExplanation,
  formatOperation,
  formatPartitionExplanation,
} from './explanation-text.ts';
export { HistoryFormatError } from './history-format-error.ts';
export {
  EDN_OPERATIONS_MAX,
  kvHistoryFromEdn,
  kvHistoryFromEdnLines,
  pairEdnEvents,
  registerHistoryFromEdn,
  type EdnOperation,
  type EdnText,
} from './edn-history.ts';
export {
  ednLines,
  readEdnLines,
  type EdnKeyword,
  type EdnLine,
  type EdnMap,
  type EdnValue,
} from './edn-reader.ts';
export {
  JSON_HISTORY_FORMAT,
  JSON_HISTORY_VERSION,
  parseJsonHistory,
  type OperationValidator,
} from './json-history.ts';
export {
  formatOfFileName,
  HISTORY_FORMATS,
  loadHistory,
  SPEC_NAMES,
  type HistoryFormat,
  type LoadedHistory,
  type LoadOptions,
  type SpecName,
} from './history-file.ts';
export * from './txn/index.ts';
