import type { StateSummary, SummaryTable } from '../../framework/testing.ts';
import type { TimelineIndex } from './timeline-index.ts';

/** A lab's summary at one position, with the cells that differ from the position before. */
export type SummaryAtStep =
  | {
      readonly tables: readonly SummaryTable[];
      /** Cells changed by this step, as `table/row/column` indices. */
      readonly changed: ReadonlySet<string>;
    }
  | { readonly error: string };

/** The cell key {@link SummaryAtStep}'s `changed` uses. */
export function cellKey(table: number, row: number, column: number): string {
  return `${table}/${row}/${column}`;
}

/**
 * The lab's summary of every node's state at `position`, computed from the timeline's JSON
 * states; a summary that cannot read them gives its message instead of failing the page.
 */
export function summaryAt(
  summary: StateSummary,
  index: TimelineIndex,
  position: number,
): SummaryAtStep {
  let tables: readonly SummaryTable[];
  try {
    tables = summary.summarize(index.statesAt(position));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const changed = new Set<string>();
  if (position > 0) {
    let before: readonly SummaryTable[] = [];
    try {
      before = summary.summarize(index.statesAt(position - 1));
    } catch {
      // The step before could not be read: nothing is marked as changed.
      return { tables, changed };
    }
    tables.forEach((table, tableIndex) =>
      table.rows.forEach((row, rowIndex) =>
        row.forEach((cell, column) => {
          // A cell that is new (a group seen for the first time) is a change too.
          if (before[tableIndex]?.rows[rowIndex]?.[column] !== cell)
            changed.add(cellKey(tableIndex, rowIndex, column));
        }),
      ),
    );
  }
  return { tables, changed };
}
