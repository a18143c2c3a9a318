import { escapeHtml } from '../html-text.ts';
import {
  clippedTip,
  historyPage,
  leftOutSummary,
  timelineLanes,
  windowAround,
  type TimelineBar,
} from '../timeline-html.ts';
import type { AnomalyReport, TxnCheckResult } from './check-transactions.ts';
import { pairTransactions } from './pair-transactions.ts';
import { formatTxnCheckResult } from './result-text.ts';
import { transactionName, type Transaction, type TxnEvent } from './transaction.ts';
import { describeMicroOperation } from './transaction-view.ts';

/** The most transactions drawn; beyond it the page draws those around the highlighted cycle. */
export const TXN_HTML_TRANSACTIONS_MAX = 2000;

/**
 * One self-contained HTML page (no external URLs, no scripts) picturing a checked history:
 * one timeline per process with each transaction as a bar from its invocation to its
 * completion, the first forbidden anomaly's transactions highlighted (its cycle's edges
 * listed beside), and each transaction's micro-operations, with what its reads returned, on
 * hover. A history of more than `transactionsMax` transactions is summarized: only the
 * window of transactions around the highlighted ones is drawn, and the page says how many
 * were left out, so that its size stays bounded whatever the history's.
 */
export function txnCheckHtml(
  events: readonly TxnEvent[],
  result: TxnCheckResult,
  title: string,
  transactionsMax = TXN_HTML_TRANSACTIONS_MAX,
): string {
  const table = pairTransactions(events);
  const ids = Array.from({ length: table.count }, (_, id) => id);
  const highlighted = highlightedAnomaly(result);
  const names = new Set(highlighted?.examples[0]?.transactions.map((view) => view.name) ?? []);
  const shown = windowAround(ids, (id) => names.has(transactionName({ id })), transactionsMax);
  const bars = shown.map((id) => bar(table.transaction(id), names));
  const cycle = highlighted?.examples[0];
  const cyclePanel =
    highlighted === undefined || cycle === undefined
      ? '<p>No anomaly to highlight.</p>'
      : `<h2 id="highlighted">${escapeHtml(highlighted.type)}</h2><ol class="cycle">${cycle.explanation.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>`;
  const report = formatTxnCheckResult(result).map(escapeHtml).join('\n');
  const body = `<p>${result.transactions} transactions, ${result.edges} dependency edges. Hover over a transaction for its micro-operations; the highlighted ones form the anomaly below.</p>
${leftOutSummary(shown.length, table.count, 'transactions')}${timelineLanes(bars)}
${cyclePanel}<pre class="report">${report}</pre>`;
  return historyPage(title, `${title}: ${result.verdict} (${result.model})`, body, STYLE);
}

/** The anomaly the page highlights: the first forbidden one, else the first found. */
function highlightedAnomaly(result: TxnCheckResult): AnomalyReport | undefined {
  return result.anomalies.find((anomaly) => anomaly.forbidden) ?? result.anomalies[0];
}

function bar(transaction: Transaction, highlighted: ReadonlySet<string>): TimelineBar {
  const name = transactionName(transaction);
  const operations = clippedTip(transaction.operations.map(describeMicroOperation).join(' '));
  return {
    lane: String(transaction.process),
    name,
    start: transaction.invokeIndex,
    end: transaction.completeIndex,
    classes: ['txn', transaction.status, ...(highlighted.has(name) ? ['highlighted'] : [])],
    tip: `${name} (${transaction.status}): ${operations}`,
  };
}

const STYLE = `
.txn.fail{background:#eee;border-style:dashed}.txn.info{background:#ffd}`;
