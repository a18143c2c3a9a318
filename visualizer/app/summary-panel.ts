/// <reference lib="dom" />
import type { StateSummary } from '../../framework/testing.ts';
import { element } from './dom.ts';
import { cellKey, summaryAt } from './summary-view.ts';
import type { TimelineIndex } from './timeline-index.ts';

/**
 * The side panel's summary of the whole system at `position` (a lab's {@link StateSummary}):
 * one table per part of it, the cells this step changed highlighted.
 */
export function summaryPanel(
  summary: StateSummary,
  index: TimelineIndex,
  position: number,
): HTMLElement {
  const panel = element(
    'section',
    { class: 'panel state-summary', id: 'state-summary' },
    element('h2', {}, summary.title),
  );
  const computed = summaryAt(summary, index, position);
  if ('error' in computed) {
    panel.append(
      element('p', { class: 'warning' }, `The summary cannot be read here: ${computed.error}`),
    );
    return panel;
  }
  computed.tables.forEach((table, tableIndex) => {
    const head = element(
      'tr',
      {},
      ...table.columns.map((column) => element('th', { scope: 'col' }, column)),
    );
    const body = element('tbody');
    table.rows.forEach((row, rowIndex) =>
      body.append(
        element(
          'tr',
          {},
          ...row.map((cell, column) =>
            element(
              'td',
              computed.changed.has(cellKey(tableIndex, rowIndex, column))
                ? { class: 'changed', title: 'changed by this step' }
                : {},
              cell,
            ),
          ),
        ),
      ),
    );
    panel.append(
      element(
        'table',
        { class: 'summary-table', 'data-summary': table.caption },
        element('caption', {}, table.caption),
        element('thead', {}, head),
        body,
      ),
    );
    if (table.note !== undefined) panel.append(element('p', { class: 'muted' }, table.note));
  });
  return panel;
}
