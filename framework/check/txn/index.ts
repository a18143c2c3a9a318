/**
 * The transactional anomaly checker, in the class of Jepsen's Elle: list-append and
 * rw-register histories, dependency cycles, consistency models, explanations.
 */
export {
  checkTransactions,
  type AnomalyExample,
  type AnomalyReport,
  type TxnCheckOptions,
  type TxnCheckResult,
  type TxnVerdict,
} from './check-transactions.ts';
export {
  ANOMALY_TYPES,
  CYCLE_ANOMALY_TYPES,
  OPERATION_ANOMALY_TYPES,
  type AnomalyType,
  type CycleAnomalyType,
  type OperationAnomalyType,
} from './anomaly-types.ts';
export {
  anomaliesForbiddenBy,
  CONSISTENCY_MODELS,
  DEFAULT_MODEL,
  modelBoundary,
  type ConsistencyModel,
  type ModelBoundary,
} from './consistency-models.ts';
export type { CycleEdgeView } from './cycle-explanation.ts';
export {
  InvalidTxnHistoryError,
  type MicroOperation,
  type Transaction,
  type TxnEvent,
  type TxnEventType,
  type TxnKey,
  type TxnStatus,
} from './transaction.ts';
export type { TransactionView } from './transaction-view.ts';
export { TXN_WORKLOADS, type TxnWorkload } from './workload-analysis.ts';
export { txnEventsFromEdn } from './txn-history-edn.ts';
export {
  JSON_TXN_HISTORY_FORMAT,
  JSON_TXN_HISTORY_VERSION,
  txnEventsFromJson,
} from './txn-history-json.ts';
export { cycleToDot } from './cycle-dot.ts';
export { formatAnomalyExample, formatTransaction, formatTxnCheckResult } from './result-text.ts';
