import { escapeHtml } from '../html-text.ts';
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
  // One object per transaction: a page is drawn once, after the check, not in its loops.
  const transactions = Array.from({ length: table.count }, (_, id) => table.transaction(id));
  const highlighted = highlightedAnomaly(result);
  const names = new Set(highlighted?.examples[0]?.transactions.map((view) => view.name) ?? []);
  const shown = window(transactions, names, transactionsMax);
  const first = shown[0]?.invokeIndex ?? 0;
  const last = Math.max(
    first + 1,
    ...shown.map((transaction) => transaction.completeIndex ?? events.length),
  );
  const processes = [...new Set(shown.map((transaction) => String(transaction.process)))];
  const lanes = processes.map((process) => {
    const bars = shown
      .filter((transaction) => String(transaction.process) === process)
      .map((transaction) => bar(transaction, first, last, names));
    return `<div class="lane"><div class="process">process ${escapeHtml(process)}</div><div class="track">${bars.join('')}</div></div>`;
  });
  const left = transactions.length - shown.length;
  const summary =
    left > 0
      ? `<p class="summary">${left} of ${transactions.length} transactions are not drawn: the page shows the ${shown.length} around the highlighted ones.</p>`
      : '';
  const cycle = highlighted?.examples[0];
  const cyclePanel =
    highlighted === undefined || cycle === undefined
      ? '<p>No anomaly to highlight.</p>'
      : `<h2 id="highlighted">${escapeHtml(highlighted.type)}</h2><ol class="cycle">${cycle.explanation.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>`;
  const report = formatTxnCheckResult(result).map(escapeHtml).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}: ${escapeHtml(result.verdict)} (${escapeHtml(result.model)})</h1>
<p>${result.transactions} transactions, ${result.edges} dependency edges. Hover over a transaction for its micro-operations; the highlighted ones form the anomaly below.</p>
${summary}<div class="timelines">${lanes.join('\n')}</div>
${cyclePanel}<pre class="report">${report}</pre></body></html>
`;
}

/** The anomaly the page highlights: the first forbidden one, else the first found. */
function highlightedAnomaly(result: TxnCheckResult): AnomalyReport | undefined {
  return result.anomalies.find((anomaly) => anomaly.forbidden) ?? result.anomalies[0];
}

/** At most `max` transactions, in invocation order, centred on the highlighted ones. */
function window(
  transactions: readonly Transaction[],
  names: ReadonlySet<string>,
  max: number,
): readonly Transaction[] {
  if (transactions.length <= max) return transactions;
  const marked = transactions.filter((transaction) => names.has(transactionName(transaction)));
  const centre = marked.length === 0 ? 0 : (marked[0] as Transaction).id;
  const start = Math.max(0, Math.min(centre - Math.floor(max / 2), transactions.length - max));
  const drawn = transactions.slice(start, start + max);
  // A cycle may span more than the window: its transactions are drawn anyway.
  const outside = marked.filter((transaction) => !drawn.includes(transaction));
  return [...drawn, ...outside].sort((a, b) => a.id - b.id);
}

function bar(
  transaction: Transaction,
  first: number,
  last: number,
  highlighted: ReadonlySet<string>,
): string {
  const name = transactionName(transaction);
  const end = transaction.completeIndex ?? last;
  const span = last - first;
  const left = (((transaction.invokeIndex - first) / span) * 100).toFixed(3);
  const width = Math.max(0.2, ((end - transaction.invokeIndex) / span) * 100).toFixed(3);
  const operations = clipped(transaction.operations.map(describeMicroOperation).join(' '));
  const classes = ['txn', transaction.status, ...(highlighted.has(name) ? ['highlighted'] : [])];
  const tip = `${name} (${transaction.status}): ${operations}`;
  return `<div class="${classes.join(' ')}" style="left:${left}%;width:${width}%" title="${escapeHtml(tip)}" data-name="${escapeHtml(name)}">${escapeHtml(name)}</div>`;
}

/** The most characters of a transaction's operations a tooltip shows (long reads are cut). */
const TIP_CHARACTERS_MAX = 400;

function clipped(text: string): string {
  return text.length <= TIP_CHARACTERS_MAX ? text : `${text.slice(0, TIP_CHARACTERS_MAX)} …`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1em}
.lane{display:flex;align-items:center;margin:2px 0}
.process{width:9em;flex:none;font-family:monospace}
.track{position:relative;flex:1;height:1.6em;background:#f4f4f4}
.txn{position:absolute;top:0.15em;height:1.3em;overflow:hidden;font:11px monospace;
border:1px solid #678;background:#cde;box-sizing:border-box;white-space:nowrap}
.txn.fail{background:#eee;border-style:dashed}.txn.info{background:#ffd}
.txn.highlighted{background:#f88;border:2px solid #b00;z-index:1}
.txn:hover{outline:2px solid #000;z-index:2}
.summary{color:#a50}.report{background:#f8f8f8;padding:0.5em;white-space:pre-wrap}`;
