import { escapeHtml } from './html-text.ts';

/**
 * The pieces both history pages share (`tslabs lincheck --html`, `tslabs txncheck --html`):
 * one timeline per process with each call as a bar from its invocation to its completion,
 * a window that bounds how many bars are drawn, and the self-contained page around them (no
 * external URLs, no scripts: the details are in each bar's tooltip).
 */

/** One bar of a timeline. */
export interface TimelineBar {
  /** The lane it is drawn in: its process. */
  readonly lane: string;
  /** Its `data-name`, and its label unless `label` is given. */
  readonly name: string;
  /** The text drawn on the bar. */
  readonly label?: string;
  readonly start: number;
  /** `undefined` for a call that never completed: the bar runs to the end. */
  readonly end: number | undefined;
  /** Its CSS classes (`txn ok highlighted`, …); `highlighted` is drawn in red. */
  readonly classes: readonly string[];
  /** The tooltip, shown on hover. */
  readonly tip: string;
}

/** The most characters a tooltip shows (long reads and states are cut). */
const TIP_CHARACTERS_MAX = 400;

/** `text`, cut to what a tooltip shows. */
export function clippedTip(text: string): string {
  return text.length <= TIP_CHARACTERS_MAX ? text : `${text.slice(0, TIP_CHARACTERS_MAX)} …`;
}

/**
 * At most `max` of `items` (in their order), centred on the first marked one; marked items
 * outside that window are drawn anyway, so a highlighted cycle or step is never cut.
 */
export function windowAround<Item>(
  items: readonly Item[],
  isMarked: (item: Item) => boolean,
  max: number,
): readonly Item[] {
  if (items.length <= max) return items;
  const centre = Math.max(0, items.findIndex(isMarked));
  const start = Math.max(0, Math.min(centre - Math.floor(max / 2), items.length - max));
  const outsideBefore = items.slice(0, start).filter(isMarked);
  const outsideAfter = items.slice(start + max).filter(isMarked);
  return [...outsideBefore, ...items.slice(start, start + max), ...outsideAfter];
}

/** The sentence a summarized page shows; empty when nothing was left out. */
export function leftOutSummary(shown: number, total: number, noun: string): string {
  const left = total - shown;
  return left > 0
    ? `<p class="summary">${left} of ${total} ${noun} are not drawn: the page shows the ${shown} around the highlighted ones.</p>`
    : '';
}

/** One lane per process (in order of first appearance), bars placed on a shared time axis. */
export function timelineLanes(bars: readonly TimelineBar[]): string {
  if (bars.length === 0) return '<div class="timelines"></div>';
  const first = Math.min(...bars.map((bar) => bar.start));
  const last = Math.max(first + 1, ...bars.map((bar) => bar.end ?? bar.start + 1));
  const lanes = new Map<string, string[]>();
  for (const bar of bars) {
    const drawn = lanes.get(bar.lane) ?? [];
    drawn.push(barHtml(bar, first, last));
    lanes.set(bar.lane, drawn);
  }
  const rows = [...lanes].map(
    ([lane, drawn]) =>
      `<div class="lane"><div class="process">process ${escapeHtml(lane)}</div><div class="track">${drawn.join('')}</div></div>`,
  );
  return `<div class="timelines">${rows.join('\n')}</div>`;
}

function barHtml(bar: TimelineBar, first: number, last: number): string {
  const span = last - first;
  const end = bar.end ?? last;
  const left = (((bar.start - first) / span) * 100).toFixed(3);
  const width = Math.max(0.2, ((end - bar.start) / span) * 100).toFixed(3);
  const classes = bar.classes.join(' ');
  return `<div class="${classes}" style="left:${left}%;width:${width}%" title="${escapeHtml(bar.tip)}" data-name="${escapeHtml(bar.name)}">${escapeHtml(bar.label ?? bar.name)}</div>`;
}

/** The whole page: its title, a heading, and the body's markup (already escaped). */
export function historyPage(title: string, heading: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}${style}</style></head>
<body><h1>${escapeHtml(heading)}</h1>
${body}</body></html>
`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1em}
.lane{display:flex;align-items:center;margin:2px 0}
.process{width:9em;flex:none;font-family:monospace}
.track{position:relative;flex:1;height:1.6em;background:#f4f4f4}
.track>div{position:absolute;top:0.15em;height:1.3em;overflow:hidden;font:11px monospace;
border:1px solid #678;background:#cde;box-sizing:border-box;white-space:nowrap}
.track>div.highlighted{background:#f88;border:2px solid #b00;z-index:1}
.track>div:hover{outline:2px solid #000;z-index:2}
.summary{color:#a50}.report{background:#f8f8f8;padding:0.5em;white-space:pre-wrap}`;
