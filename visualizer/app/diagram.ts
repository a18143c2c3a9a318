/// <reference lib="dom" />
import { element, escapeMarkup } from './dom.ts';
import {
  EVENT_COLUMN_WIDTH,
  GUTTER_WIDTH,
  laneWidth,
  laneX,
  ROW_HEIGHT,
  rowY,
  scrollToShow,
  visibleRows,
} from './diagram-geometry.ts';
import type { Arrow, Mark, TimelineIndex } from './timeline-index.ts';
import { readableValue, shorten } from './value-format.ts';

const EVENT_TEXT_MAX = 60;

/**
 * The space-time diagram: one vertical lane per node, one row per step, time flowing down.
 * Only the rows in view (and a margin) are drawn, as one SVG rebuilt on scroll, so a
 * trace of any length scrolls as smoothly as a short one.
 */
export class Diagram {
  readonly root: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly body: HTMLElement;
  private readonly header: HTMLElement;
  private readonly downIntervals: { lane: number; from: number; to: number }[];
  private position = 0;
  private frameRequested = false;
  private width = 0;

  constructor(
    private readonly index: TimelineIndex,
    private readonly onSelect: (row: number) => void,
  ) {
    this.header = element('div', { class: 'lane-header', role: 'row' });
    this.body = element('div', { class: 'diagram-body' });
    this.scroller = element(
      'div',
      {
        class: 'diagram-scroll',
        tabindex: '0',
        'aria-label': 'Space-time diagram: one lane per node, one row per step',
      },
      this.header,
      this.body,
    );
    this.root = element('div', { class: 'diagram' }, this.scroller);
    this.downIntervals = downIntervals(index);
    this.scroller.addEventListener('scroll', () => this.requestRender());
    this.body.addEventListener('click', (event) => {
      const top = this.body.getBoundingClientRect().top;
      const row = Math.floor((event.clientY - top) / ROW_HEIGHT);
      if (row >= 0 && row < this.index.rows) this.onSelect(row);
    });
    new ResizeObserver(() => this.requestRender()).observe(this.scroller);
  }

  /** Moves the current-step highlight, scrolling it into view if needed. */
  setPosition(position: number): void {
    this.position = position;
    const target = scrollToShow(
      position,
      this.scroller.scrollTop,
      this.scroller.clientHeight - ROW_HEIGHT,
    );
    if (target !== undefined) this.scroller.scrollTop = target;
    this.render();
  }

  private requestRender(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.render();
    });
  }

  /** Draws the rows in view. */
  render(): void {
    const lanes = this.index.lanes;
    const width = laneWidth(this.scroller.clientWidth, lanes.length);
    const totalWidth = GUTTER_WIDTH + width * lanes.length + EVENT_COLUMN_WIDTH;
    if (width !== this.width) {
      this.width = width;
      this.renderHeader(width, totalWidth);
    }
    this.body.style.height = `${this.index.rows * ROW_HEIGHT}px`;
    this.body.style.width = `${totalWidth}px`;
    const headerHeight = this.header.offsetHeight;
    const { first, last } = visibleRows(
      Math.max(0, this.scroller.scrollTop - headerHeight),
      this.scroller.clientHeight,
      this.index.rows,
    );
    const height = (last - first + 1) * ROW_HEIGHT;
    const parts: string[] = [
      `<svg class="diagram-svg" width="${totalWidth}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
      ARROW_MARKERS,
    ];
    for (let row = first; row <= last; row++) parts.push(this.rowMarkup(row, first, totalWidth));
    lanes.forEach((_, lane) =>
      parts.push(
        `<line class="lane-line" x1="${laneX(lane, width)}" y1="0" x2="${laneX(lane, width)}" y2="${height}"/>`,
      ),
    );
    for (const interval of this.downIntervals) {
      if (interval.to < first || interval.from > last) continue;
      const x = laneX(interval.lane, width);
      parts.push(
        `<line class="lane-down" x1="${x}" y1="${Math.max(0, rowY(interval.from, first))}" x2="${x}" y2="${Math.min(height, rowY(interval.to, first))}"/>`,
      );
    }
    for (const arrow of this.index.arrowsIn(first, last))
      parts.push(arrowMarkup(arrow, first, width, arrow.endRow === this.position));
    for (const mark of this.index.marksIn(first, last))
      parts.push(markMarkup(mark, first, width, lanes.length));
    parts.push('</svg>');
    this.body.innerHTML = parts.join('');
    // Through the CSSOM, not a style attribute in the markup: the page's CSP allows no inline
    // styles.
    const svg = this.body.firstElementChild;
    if (svg instanceof SVGElement) svg.style.top = `${first * ROW_HEIGHT}px`;
  }

  private renderHeader(width: number, totalWidth: number): void {
    this.header.style.width = `${totalWidth}px`;
    this.header.replaceChildren(
      withWidth(element('div', { class: 'lane-gutter' }, 'Step · time'), GUTTER_WIDTH),
      ...this.index.lanes.map((lane) =>
        withWidth(
          element('div', { class: 'lane-name', role: 'columnheader', title: lane }, lane),
          width,
        ),
      ),
      withWidth(element('div', { class: 'lane-event' }, 'Event'), EVENT_COLUMN_WIDTH),
    );
  }

  private rowMarkup(row: number, first: number, totalWidth: number): string {
    const y = (row - first) * ROW_HEIGHT;
    const classes = `row-bg${row % 2 === 1 ? ' odd' : ''}${row === this.position ? ' current' : ''}`;
    const event = this.index.eventAt(row);
    const time = event?.timeMs === undefined ? '' : ` · ${formatMs(event.timeMs)}`;
    const label = row === 0 ? 'start: every node after init()' : eventText(this.index, row);
    const textY = y + ROW_HEIGHT / 2 + 4;
    const eventX = GUTTER_WIDTH + this.width * this.index.lanes.length + 10;
    return (
      `<rect class="${classes}" data-row="${row}" x="0" y="${y}" width="${totalWidth}" height="${ROW_HEIGHT}"/>` +
      `<text class="row-number" x="8" y="${textY}">${row === 0 ? 'start' : `#${row}`}${time}</text>` +
      `<text class="row-event${this.index.errorAt(row) === undefined ? '' : ' error'}" x="${eventX}" y="${textY}">${escapeMarkup(shorten(label, EVENT_TEXT_MAX))}</text>`
    );
  }
}

/** The text of a row's event, for the event column and the step panel. */
export function eventText(index: TimelineIndex, row: number): string {
  const event = index.eventAt(row);
  if (event === undefined) return '';
  switch (event.type) {
    case 'deliver':
      return `${event.from} → ${event.to}: ${itemText(index, event.item, event.label)}`;
    case 'drop':
      return `dropped ${event.from} → ${event.to}: ${itemText(index, event.item, event.label)}`;
    case 'timer':
      return `${event.to} timer: ${itemText(index, event.item, event.label)}`;
    case 'control':
      return event.label;
  }
}

/** A pending item's readable text (from its JSON value; traces without values keep their label). */
export function itemText(
  index: TimelineIndex,
  item: string,
  fallback: string,
  budget = 160,
): string {
  const value = index.item(item)?.value;
  return value === undefined || value === null
    ? (index.item(item)?.label ?? fallback)
    : readableValue(value, budget);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${Number(ms.toFixed(3))} ms`;
}

const ARROW_MARKERS =
  '<defs>' +
  ['deliver', 'duplicate', 'drop']
    .map(
      (kind) =>
        `<marker id="head-${kind}" class="head-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
    )
    .join('') +
  '</defs>';

function arrowMarkup(arrow: Arrow, first: number, width: number, current: boolean): string {
  const x1 = laneX(arrow.fromLane, width);
  const x2 = laneX(arrow.toLane, width);
  const y2 = rowY(arrow.endRow, first);
  // A message dropped as it was sent starts and ends on one row: start it just above.
  const y1 = arrow.startRow === arrow.endRow ? y2 - ROW_HEIGHT / 2 : rowY(arrow.startRow, first);
  const classes = `arrow arrow-${arrow.kind}${current ? ' current' : ''}`;
  const head = arrow.kind === 'drop' ? '' : ` marker-end="url(#head-${arrow.kind})"`;
  const title = `<title>${escapeMarkup(`${arrow.kind === 'drop' ? 'dropped' : arrow.kind === 'duplicate' ? 'duplicate delivery' : 'delivered'}: sent at step ${arrow.startRow}, ${arrow.kind === 'drop' ? 'dropped' : 'delivered'} at step ${arrow.endRow}`)}</title>`;
  let path: string;
  if (arrow.fromLane === arrow.toLane) {
    const bulge = Math.min(width / 2 - 4, 30);
    path = `<path class="${classes}" data-item="${arrow.item}" d="M${x1},${y1} C${x1 + bulge},${y1} ${x2 + bulge},${y2} ${x2},${y2}"${head}>${title}</path>`;
  } else {
    path = `<line class="${classes}" data-item="${arrow.item}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"${head}>${title}</line>`;
  }
  if (arrow.kind === 'drop')
    path += `<text class="drop-mark" x="${x2}" y="${y2 + 5}" text-anchor="middle">✕</text>`;
  if (arrow.kind === 'duplicate')
    path += `<text class="duplicate-mark" x="${x2 + (x2 >= x1 ? -14 : 14)}" y="${y2 - 6}" text-anchor="middle">2×</text>`;
  return path;
}

function markMarkup(mark: Mark, first: number, width: number, laneCount: number): string {
  const y = rowY(mark.row, first);
  const title = `<title>${escapeMarkup(mark.label)}</title>`;
  if (mark.lane < 0) {
    const x1 = laneX(0, width) - width / 2 + 4;
    const x2 = laneX(laneCount - 1, width) + width / 2 - 4;
    return `<g class="mark mark-${mark.kind}"><line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}"/>${title}</g>`;
  }
  const x = laneX(mark.lane, width);
  switch (mark.kind) {
    case 'timer':
      return `<g class="mark mark-timer" transform="translate(${x},${y})"><circle r="7"/><path d="M0,-4 L0,0 L3,2"/>${title}</g>`;
    case 'crash':
      return `<g class="mark mark-crash" transform="translate(${x},${y})"><rect x="-8" y="-8" width="16" height="16" rx="3"/><path d="M-4,-4 L4,4 M4,-4 L-4,4"/>${title}</g>`;
    case 'restart':
    case 'add':
      return `<g class="mark mark-restart" transform="translate(${x},${y})"><circle r="8"/><text y="4" text-anchor="middle">↻</text>${title}</g>`;
    case 'remove':
      return `<g class="mark mark-crash" transform="translate(${x},${y})"><rect x="-8" y="-8" width="16" height="16"/><path d="M-5,0 L5,0"/>${title}</g>`;
    case 'error':
      return `<g class="mark mark-error" transform="translate(${x},${y})"><circle r="8"/><text y="4" text-anchor="middle">!</text>${title}</g>`;
    case 'link-cut':
    case 'link-restore': {
      const x2 = laneX(mark.toLane ?? mark.lane, width);
      const cross =
        mark.kind === 'link-cut'
          ? `<text x="${(x + x2) / 2}" y="${y + 5}" text-anchor="middle">✕</text>`
          : '';
      return `<g class="mark mark-${mark.kind}"><line x1="${x}" y1="${y}" x2="${x2}" y2="${y}"/>${cross}${title}</g>`;
    }
    case 'partition':
    case 'heal':
    case 'network':
    case 'other':
      return `<g class="mark mark-other" transform="translate(${x},${y})"><circle r="5"/>${title}</g>`;
  }
}

/** Rows during which a node was down: from each crash to its restart (or the end). */
function downIntervals(index: TimelineIndex): { lane: number; from: number; to: number }[] {
  const downSince = new Map<number, number>();
  const intervals: { lane: number; from: number; to: number }[] = [];
  for (const mark of index.marks) {
    if ((mark.kind === 'crash' || mark.kind === 'remove') && !downSince.has(mark.lane))
      downSince.set(mark.lane, mark.row);
    if ((mark.kind === 'restart' || mark.kind === 'add') && downSince.has(mark.lane)) {
      intervals.push({ lane: mark.lane, from: downSince.get(mark.lane) as number, to: mark.row });
      downSince.delete(mark.lane);
    }
  }
  for (const [lane, from] of downSince) intervals.push({ lane, from, to: index.rows - 1 });
  return intervals;
}

/** Sets an element's width through the CSSOM (the page's CSP allows no inline style attributes). */
function withWidth<E extends HTMLElement>(created: E, widthPx: number): E {
  created.style.width = `${widthPx}px`;
  return created;
}
