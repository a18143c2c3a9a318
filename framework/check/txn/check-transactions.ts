import { BudgetTracker, type CheckBudget } from '../check-budget.ts';
import {
  ANOMALY_TYPES,
  OPERATION_ANOMALY_TYPES,
  type AnomalyType,
  type CycleAnomalyType,
  type OperationAnomalyType,
} from './anomaly-types.ts';
import {
  anomaliesForbiddenBy,
  DEFAULT_MODEL,
  modelBoundary,
  type ConsistencyModel,
} from './consistency-models.ts';
import { explainCycle, type CycleEdgeView } from './cycle-explanation.ts';
import { searchCycles } from './cycle-search.ts';
import { DependencyGraphBuilder } from './dependency-graph.ts';
import { analyzeListAppend } from './list-append-analysis.ts';
import { OperationAnomalyCollector } from './operation-anomaly.ts';
import { pairTransactions } from './pair-transactions.ts';
import { analyzeRwRegister } from './rw-register-analysis.ts';
import { addProcessEdges, addRealtimeEdges } from './session-edges.ts';
import type { TxnEvent } from './transaction.ts';
import { viewTransaction, type TransactionView } from './transaction-view.ts';
import type { AnalyzeWorkload, TxnWorkload } from './workload-analysis.ts';

/** Options of {@link checkTransactions}. */
export interface TxnCheckOptions extends CheckBudget {
  readonly workload: TxnWorkload;
  /** The model the verdict is about; default strict-serializable. */
  readonly model?: ConsistencyModel;
  /** Use each process's order of transactions (default true). */
  readonly processEdges?: boolean;
  /** Use real-time order: completion before invocation (default true). */
  readonly realtimeEdges?: boolean;
  /** The most examples kept per anomaly type (default 8). */
  readonly examplesMax?: number;
}

/**
 * `valid`: nothing the model forbids was found. `invalid`: something was. `unknown`: the
 * budget ran out before the cycle search could rule out every cycle the model forbids.
 */
export type TxnVerdict = 'valid' | 'invalid' | 'unknown';

/** One instance of an anomaly, for a person to follow. */
export interface AnomalyExample {
  /** The transactions involved, in the order the explanation mentions them. */
  readonly transactions: readonly TransactionView[];
  /** One line per cycle edge ("T1 < T2, because …"), or one sentence for the others. */
  readonly explanation: readonly string[];
  /** The cycle's edges, for a cycle anomaly. */
  readonly cycle?: readonly CycleEdgeView[];
}

/** All instances of one anomaly type. */
export interface AnomalyReport {
  readonly type: AnomalyType;
  /** How many: operations or reads for the others, strongly connected components for cycles. */
  readonly count: number;
  /** Whether the checked model forbids it. */
  readonly forbidden: boolean;
  /** The first few (cycles: the shortest first). */
  readonly examples: readonly AnomalyExample[];
}

/** The outcome of {@link checkTransactions}. */
export interface TxnCheckResult {
  readonly verdict: TxnVerdict;
  readonly model: ConsistencyModel;
  readonly workload: TxnWorkload;
  /** Transactions in the history (committed, failed and unknown). */
  readonly transactions: number;
  /** Dependency edges between them, after merging parallel ones. */
  readonly edges: number;
  readonly anomalies: readonly AnomalyReport[];
  /** The weakest models the anomalies rule out. */
  readonly not: readonly ConsistencyModel[];
  /** The stronger models ruled out with them. */
  readonly alsoNot: readonly ConsistencyModel[];
  /** Cycle anomaly types the budget left undecided. */
  readonly undecided: readonly CycleAnomalyType[];
  /** Edges scanned by the cycle search. */
  readonly steps: number;
}

const ANALYSES: Record<TxnWorkload, AnalyzeWorkload> = {
  'list-append': analyzeListAppend,
  'rw-register': analyzeRwRegister,
};

/**
 * Checks a transactional history (Jepsen's list-append or rw-register) for the anomalies of
 * Adya's and Elle's taxonomy, and judges it against a consistency model. Infers version
 * orders, builds the ww/wr/rw dependency graph with process and real-time edges, finds
 * cycles through strongly connected components and shortest-path search, and explains each
 * anomaly. Throws `InvalidTxnHistoryError` for a history no recorder could produce.
 */
export function checkTransactions(
  events: readonly TxnEvent[],
  options: TxnCheckOptions,
): TxnCheckResult {
  const model = options.model ?? DEFAULT_MODEL;
  const examplesMax = options.examplesMax ?? 8;
  const transactions = pairTransactions(events);
  const builder = new DependencyGraphBuilder(transactions.count);
  const collector = new OperationAnomalyCollector(examplesMax);
  const analysis = ANALYSES[options.workload](transactions, builder, collector);
  const processEdges = options.processEdges ?? true;
  const realtimeEdges = options.realtimeEdges ?? true;
  if (processEdges) addProcessEdges(transactions, builder);
  if (realtimeEdges) addRealtimeEdges(transactions, events.length, builder);
  const graph = builder.build();
  const budget = new BudgetTracker(options);
  const cycles = searchCycles(graph, budget, {
    processEdges,
    realtimeEdges,
    cyclesMax: examplesMax,
  });
  const forbidden = anomaliesForbiddenBy(model);
  const view = (ids: readonly number[]): TransactionView[] =>
    ids.map((id) => viewTransaction(transactions.transaction(id)));
  const anomalies: AnomalyReport[] = [];
  for (const type of ANOMALY_TYPES) {
    if ((OPERATION_ANOMALY_TYPES as readonly string[]).includes(type)) {
      const operationType = type as OperationAnomalyType;
      const count = collector.countOf(operationType);
      if (count === 0) continue;
      const examples = collector.examplesOf(operationType).map((anomaly) => ({
        transactions: view(anomaly.transactions),
        explanation: [anomaly.explanation],
      }));
      anomalies.push({ type, count, forbidden: forbidden.has(type), examples });
      continue;
    }
    const found = cycles.found.get(type as CycleAnomalyType);
    if (found === undefined) continue;
    const examples = found.cycles.map((cycle): AnomalyExample => {
      const edges = explainCycle(cycle, transactions, analysis);
      return {
        transactions: view(cycle.map((step) => step.from)),
        explanation: edges.map((edge) => edge.explanation),
        cycle: edges,
      };
    });
    anomalies.push({ type, count: found.count, forbidden: forbidden.has(type), examples });
  }
  const undecided = cycles.undecided.filter((type) => forbidden.has(type));
  const boundary = modelBoundary(anomalies.map((anomaly) => anomaly.type));
  const verdict: TxnVerdict = anomalies.some((anomaly) => anomaly.forbidden)
    ? 'invalid'
    : undecided.length > 0
      ? 'unknown'
      : 'valid';
  return {
    verdict,
    model,
    workload: options.workload,
    transactions: transactions.count,
    edges: graph.targets.length,
    anomalies,
    not: boundary.not,
    alsoNot: boundary.alsoNot,
    undecided: cycles.undecided,
    steps: budget.steps,
  };
}
