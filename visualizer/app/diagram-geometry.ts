/** Sizes of the space-time diagram, in CSS pixels. */
export const ROW_HEIGHT = 26;
export const GUTTER_WIDTH = 96;
export const LANE_WIDTH_MIN = 96;
export const LANE_WIDTH_MAX = 180;
export const EVENT_COLUMN_WIDTH = 420;
/** Rows drawn beyond the visible ones, above and below, so that scrolling shows no gaps. */
export const OVERSCAN_ROWS = 12;

/** The rows to draw for a scroll position: those visible, plus the overscan. */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowCount: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN_ROWS);
  const last = Math.min(
    rowCount - 1,
    Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN_ROWS,
  );
  return { first, last: Math.max(first, last) };
}

/** Each lane's width: the diagram fills the space left of the event column, within bounds. */
export function laneWidth(availableWidth: number, laneCount: number): number {
  const width = (availableWidth - GUTTER_WIDTH - EVENT_COLUMN_WIDTH) / Math.max(1, laneCount);
  return Math.max(LANE_WIDTH_MIN, Math.min(LANE_WIDTH_MAX, Math.floor(width)));
}

/** The x of a lane's center line. */
export function laneX(lane: number, width: number): number {
  return GUTTER_WIDTH + width * (lane + 0.5);
}

/** The y of a row's center, relative to the top of the first drawn row. */
export function rowY(row: number, firstDrawn: number): number {
  return (row - firstDrawn) * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** The scroll position that brings a row into view, or undefined when it is visible already. */
export function scrollToShow(
  row: number,
  scrollTop: number,
  viewportHeight: number,
): number | undefined {
  const top = row * ROW_HEIGHT;
  if (top >= scrollTop + ROW_HEIGHT && top + 2 * ROW_HEIGHT <= scrollTop + viewportHeight)
    return undefined;
  return Math.max(0, top - Math.floor(viewportHeight / 3));
}
