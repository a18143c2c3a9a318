import { formatExplanation, formatOperation } from './explanation-text.ts';
import { operationView } from './explanation.ts';
import { escapeHtml } from './html-text.ts';
import type { CheckResult } from './linearizability.ts';
import type { History, Operation } from './operation.ts';
import type { AnySequentialSpec } from './sequential-spec.ts';
import {
  clippedTip,
  historyPage,
  leftOutSummary,
  timelineLanes,
  windowAround,
  type TimelineBar,
} from './timeline-html.ts';

/** The most operations drawn; beyond it the page draws those around where the check failed. */
export const LINCHECK_HTML_OPERATIONS_MAX = 2000;

/** The most lines of the explanation the page prints; a longer one is cut with a count. */
export const LINCHECK_HTML_EXPLANATION_LINES_MAX = 400;

/** Where one operation stands in its partition's linearization (or longest prefix). */
interface Placement {
  readonly step: number;
  readonly partition: string;
  readonly stateAfter: string;
}

/**
 * One self-contained HTML page (no external URLs, no scripts) picturing a linearizability
 * check, as Porcupine's visualization does: one timeline per process with each operation as
 * a bar from its call to its return; the operations of each partition's linearization — or,
 * for a partition that has none, of its longest linearizable prefix — numbered in their
 * order and shaded; the operations none of which can come next drawn in red; and on hover,
 * the operation and the state after its step. A history of more than `operationsMax`
 * operations is summarized: only the window around the first red one (or the start) is
 * drawn, and the page says how many were left out, so its size stays bounded.
 */
export function lincheckHtml(
  history: History<unknown, unknown>,
  spec: AnySequentialSpec,
  result: CheckResult,
  title: string,
  operationsMax = LINCHECK_HTML_OPERATIONS_MAX,
): string {
  const placements = placementsOf(history, spec, result);
  const stuck = new Map<number, string>();
  for (const partition of result.explanation?.partitions ?? [])
    for (const operation of partition.stuck)
      stuck.set(operation.operation.id, `cannot take effect next in ${partition.partition}`);
  const byCall = history
    .map((_, id) => id)
    .sort((a, b) => (history[a]?.callTime ?? 0) - (history[b]?.callTime ?? 0) || a - b);
  const shown = windowAround(byCall, (id) => stuck.has(id), operationsMax);
  const bars = shown.map((id) =>
    bar(spec, history[id] as Operation<unknown, unknown>, id, placements.get(id), stuck.get(id)),
  );
  const body = `<p>${result.operations} operations in ${result.partitions.length} partitions. Numbered operations took effect in that order (the linearization, or the longest linearizable prefix); red ones are where it fails. Hover over an operation for its call, its answer and the state after it.</p>
${leftOutSummary(shown.length, history.length, 'operations')}${timelineLanes(bars)}
${explanationPanel(result)}`;
  return historyPage(title, `${title}: ${result.verdict}`, body, STYLE);
}

/** Each placed operation's step and the state after it, replaying the spec along the order. */
function placementsOf(
  history: History<unknown, unknown>,
  spec: AnySequentialSpec,
  result: CheckResult,
): Map<number, Placement> {
  const placements = new Map<number, Placement>();
  for (const partition of result.partitions) {
    if (partition.linearization === undefined) continue;
    let state: unknown = spec.initialState();
    partition.linearization.forEach((id, index) => {
      const operation = history[id] as Operation<unknown, unknown>;
      const next = spec.step(state, operation.input, operation.output);
      // A witness always replays; a step that does not is shown without a state.
      if (next.legal) state = next.state;
      placements.set(id, {
        step: index + 1,
        partition: partition.label,
        stateAfter: next.legal ? spec.describeState(state) : '(does not replay)',
      });
    });
  }
  for (const partition of result.explanation?.partitions ?? [])
    partition.prefix.forEach((step, index) => {
      placements.set(step.operation.id, {
        step: index + 1,
        partition: partition.partition,
        stateAfter: step.stateAfter,
      });
    });
  return placements;
}

function bar(
  spec: AnySequentialSpec,
  operation: Operation<unknown, unknown>,
  id: number,
  placement: Placement | undefined,
  stuck: string | undefined,
): TimelineBar {
  const described = formatOperation(operationView(spec, operation, id));
  const where =
    placement === undefined
      ? (stuck ?? 'not placed')
      : `step ${placement.step} of ${placement.partition}; state after: ${placement.stateAfter}`;
  const classes = [
    'op',
    operation.returnTime === undefined ? 'unknown' : 'ok',
    ...(placement === undefined ? [] : ['linearized']),
    ...(stuck === undefined ? [] : ['highlighted']),
  ];
  return {
    lane: operation.process,
    name: `#${id}`,
    label: placement === undefined ? `#${id}` : `${placement.step}: #${id}`,
    start: operation.callTime,
    end: operation.returnTime,
    classes,
    tip: `${clippedTip(described)}\n${clippedTip(where)}`,
  };
}

function explanationPanel(result: CheckResult): string {
  if (result.explanation === undefined)
    return result.verdict === 'linearizable'
      ? '<p>Every partition has a linearization; its operations are numbered in its order.</p>'
      : '<p>The budget ran out before every partition was decided.</p>';
  const lines = formatExplanation(result.explanation).split('\n');
  const kept = lines.slice(0, LINCHECK_HTML_EXPLANATION_LINES_MAX).map(escapeHtml);
  if (lines.length > kept.length) kept.push(`… ${lines.length - kept.length} more lines`);
  return `<h2 id="highlighted">not linearizable</h2><pre class="report">${kept.join('\n')}</pre>`;
}

const STYLE = `
.op.linearized{background:#bdb}.op.unknown{border-style:dashed}`;
