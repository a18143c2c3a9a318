import type { AnomalyExample, TxnCheckResult } from './check-transactions.ts';
import type { TransactionView } from './transaction-view.ts';

/** A transaction on one line: `T3 (process 1, ok, line 7): [append 1 3] [r 2 [1 2]]`. */
export function formatTransaction(view: TransactionView): string {
  const line = view.line === undefined ? '' : `, line ${view.line}`;
  return `${view.name} (process ${String(view.process)}, ${view.status}${line}): ${view.operations}`;
}

/** An example: its explanation lines, then the transactions it involves. */
export function formatAnomalyExample(example: AnomalyExample): string[] {
  const seen = new Set<string>();
  const transactions = example.transactions.filter((view) => {
    if (seen.has(view.name)) return false;
    seen.add(view.name);
    return true;
  });
  return [
    ...example.explanation.map((line) => `  ${line}`),
    ...transactions.map((view) => `    ${formatTransaction(view)}`),
  ];
}

/**
 * The report of a check, as `tslabs txncheck` prints it: the anomaly types with counts,
 * the first (shortest) example of each, and which models the history rules out.
 */
export function formatTxnCheckResult(result: TxnCheckResult): string[] {
  const lines: string[] = [];
  for (const anomaly of result.anomalies) {
    const note = anomaly.forbidden ? '' : ` (allowed by ${result.model})`;
    lines.push(`${anomaly.type}: ${anomaly.count}${note}`);
    const first = anomaly.examples[0];
    if (first !== undefined) lines.push(...formatAnomalyExample(first));
  }
  if (result.not.length > 0) {
    const also = result.alsoNot.length > 0 ? `; also not ${result.alsoNot.join(', ')}` : '';
    lines.push(`Not ${result.not.join(', ')}${also}.`);
  }
  if (result.undecided.length > 0)
    lines.push(`Undecided (the budget ran out): ${result.undecided.join(', ')}.`);
  return lines;
}
