/// <reference lib="dom" />
import { element } from './dom.ts';

const SAMPLE_WIDTH = 34;

const SAMPLES: readonly [markup: string, label: string][] = [
  [
    '<line class="arrow arrow-deliver" x1="2" y1="3" x2="30" y2="13" marker-end="url(#legend-head-deliver)"/>',
    'message, from its send to its delivery',
  ],
  [
    '<line class="arrow arrow-duplicate" x1="2" y1="3" x2="30" y2="13" marker-end="url(#legend-head-duplicate)"/>',
    'delivered again (duplicate)',
  ],
  [
    '<line class="arrow arrow-drop" x1="2" y1="3" x2="28" y2="12"/><text class="drop-mark" x="28" y="15" text-anchor="middle">✕</text>',
    'dropped message',
  ],
  [
    '<g class="mark mark-timer" transform="translate(17,8)"><circle r="6"/><path d="M0,-3 L0,0 L2,2"/></g>',
    'timer fired',
  ],
  [
    '<g class="mark mark-crash" transform="translate(17,8)"><rect x="-6" y="-6" width="12" height="12" rx="2"/><path d="M-3,-3 L3,3 M3,-3 L-3,3"/></g><line class="lane-down" x1="17" y1="14" x2="17" y2="16"/>',
    'crash (lane dashed while down)',
  ],
  [
    '<g class="mark mark-restart" transform="translate(17,8)"><circle r="7"/><text y="4" text-anchor="middle">↻</text></g>',
    'restart',
  ],
  ['<g class="mark mark-partition"><line x1="2" y1="8" x2="32" y2="8"/></g>', 'partition'],
  ['<g class="mark mark-heal"><line x1="2" y1="8" x2="32" y2="8"/></g>', 'partition healed'],
  [
    '<g class="mark mark-link-cut"><line x1="2" y1="8" x2="32" y2="8"/><text x="17" y="13" text-anchor="middle">✕</text></g>',
    'one-way link cut (from the sender’s lane)',
  ],
  ['<g class="mark mark-link-restore"><line x1="2" y1="8" x2="32" y2="8"/></g>', 'link restored'],
  [
    '<g class="mark mark-error" transform="translate(17,8)"><circle r="7"/><text y="4" text-anchor="middle">!</text></g>',
    'handler threw',
  ],
  ['<rect class="row-bg current" x="0" y="1" width="34" height="14"/>', 'current step'],
];

/** The diagram's legend: every mark it draws, with what it means. */
export function legend(): HTMLElement {
  const markers = ['deliver', 'duplicate']
    .map(
      (kind) =>
        `<marker id="legend-head-${kind}" class="head-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
    )
    .join('');
  const list = element('ul', { class: 'legend', 'aria-label': 'Legend of the diagram' });
  SAMPLES.forEach(([markup, label], index) => {
    const sample = element('span', { class: 'legend-sample' });
    sample.innerHTML = `<svg width="${SAMPLE_WIDTH}" height="16" aria-hidden="true">${index === 0 ? `<defs>${markers}</defs>` : ''}${markup}</svg>`;
    list.append(element('li', {}, sample, label));
  });
  return list;
}
