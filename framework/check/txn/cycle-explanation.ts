import { edgeKindName, PROCESS, REALTIME } from './dependency-graph.ts';
import type { CycleStep } from './path-finder.ts';
import { transactionName, type Transaction } from './transaction.ts';
import type { TransactionTable } from './transaction-table.ts';
import type { WorkloadAnalysis } from './workload-analysis.ts';

/** One edge of a reported cycle. */
export interface CycleEdgeView {
  readonly from: string;
  readonly to: string;
  /** `ww`, `wr`, `rw`, `process` or `realtime`. */
  readonly kind: string;
  /** The sentence "T1 < T2, because …". */
  readonly explanation: string;
}

/** Explains each edge of a cycle in one sentence, in the order the cycle runs. */
export function explainCycle(
  cycle: readonly CycleStep[],
  transactions: TransactionTable,
  analysis: WorkloadAnalysis,
): CycleEdgeView[] {
  return cycle.map((step) => {
    const from = transactions.transaction(step.from);
    const to = transactions.transaction(step.to);
    const reason = explainEdge(from, to, step.kind, analysis);
    return {
      from: transactionName(from),
      to: transactionName(to),
      kind: edgeKindName(step.kind),
      explanation: `${transactionName(from)} < ${transactionName(to)}, because ${reason}`,
    };
  });
}

function explainEdge(
  from: Transaction,
  to: Transaction,
  kind: number,
  analysis: WorkloadAnalysis,
): string {
  if (kind === PROCESS)
    return `process ${String(from.process)} ran ${transactionName(from)} and then ${transactionName(to)}`;
  if (kind === REALTIME)
    return `${transactionName(from)} completed (${where(from.completeIndex, from.completeLine)}) before ${transactionName(to)} was invoked (${where(to.invokeIndex, to.line)})`;
  const reason = analysis.explainDependency(from, to, kind);
  // Every data edge comes from a fact the analysis can restate; a missing one is a bug.
  if (reason === undefined)
    throw new Error(`no explanation for the ${edgeKindName(kind)} edge ${from.id} → ${to.id}`);
  return reason;
}

function where(eventIndex: number | undefined, line: number | undefined): string {
  return line === undefined ? `event ${String(eventIndex)}` : `line ${line}`;
}
