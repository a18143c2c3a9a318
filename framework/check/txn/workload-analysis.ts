import type { DependencyGraphBuilder } from './dependency-graph.ts';
import type { OperationAnomalyCollector } from './operation-anomaly.ts';
import type { Transaction } from './transaction.ts';
import type { TransactionTable } from './transaction-table.ts';

/** The workloads the checker understands. */
export const TXN_WORKLOADS = ['list-append', 'rw-register'] as const;
export type TxnWorkload = (typeof TXN_WORKLOADS)[number];

/**
 * What a workload contributes to a check: it has added its data dependencies (ww, wr, rw)
 * to the graph and its operation anomalies to the collector, and it can say why one
 * transaction depends on another.
 */
export interface WorkloadAnalysis {
  /**
   * Why `from` precedes `to` by the data dependency `kind` (WW, WR or RW), as the end of
   * the sentence "T1 < T2, because …"; `undefined` if the edge is not of that kind.
   */
  explainDependency(from: Transaction, to: Transaction, kind: number): string | undefined;
}

/** The signature of a workload's analysis. */
export type AnalyzeWorkload = (
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
) => WorkloadAnalysis;
