import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  registerSpec,
  type History,
  type RegisterCommand,
  type RegisterResult,
} from '../../framework/check/index.ts';
import { lincheckHtml } from '../../framework/check/lincheck-html.ts';

type RegisterHistory = History<RegisterCommand, RegisterResult>;

const write = (value: string): RegisterCommand => ({ kind: 'Write', value });
const read: RegisterCommand = { kind: 'Read' };
const wrote: RegisterResult = { kind: 'WriteOk' };
const saw = (value: string | null): RegisterResult => ({ kind: 'ReadResult', value });

/**
 * Two writers and a reader: a reads "1", then b writes "2", then a reads "1" again after b's
 * write returned — no order explains the stale read. The value carries markup.
 */
const STALE_READ: RegisterHistory = [
  { process: 'w1', callTime: 0, returnTime: 2, input: write('1'), output: wrote },
  { process: 'r<b>', callTime: 3, returnTime: 4, input: read, output: saw('1') },
  { process: 'w2', callTime: 5, returnTime: 6, input: write('<script>2'), output: wrote },
  { process: 'r<b>', callTime: 7, returnTime: 8, input: read, output: saw('1') },
];

/** `count` serial writes, each read back, by three processes. */
function serialHistory(count: number): RegisterHistory {
  const history: RegisterHistory[number][] = [];
  for (let index = 0; index < count; index++) {
    const time = index * 4;
    const value = String(index);
    history.push(
      {
        process: `p${index % 3}`,
        callTime: time,
        returnTime: time + 1,
        input: write(value),
        output: wrote,
      },
      {
        process: `p${(index + 1) % 3}`,
        callTime: time + 2,
        returnTime: time + 3,
        input: read,
        output: saw(value),
      },
    );
  }
  return history;
}

/** A serial history with the stale read at its end. */
function longFailingHistory(count: number): RegisterHistory {
  const history = [...serialHistory(count)];
  const end = count * 4;
  history.push(
    { process: 'w9', callTime: end, returnTime: end + 1, input: write('last'), output: wrote },
    { process: 'r9', callTime: end + 2, returnTime: end + 3, input: read, output: saw('0') },
  );
  return history;
}

function page(history: RegisterHistory, operationsMax?: number): string {
  const result = checkLinearizability(history, registerSpec());
  return lincheckHtml(history, registerSpec(), result, 'stale <b>.json', operationsMax);
}

describe('lincheckHtml', () => {
  it('draws one lane per process, numbers the longest prefix and marks where it fails', () => {
    const html = page(STALE_READ);
    expect(html.match(/class="lane"/g)).toHaveLength(3);
    expect(html).toMatch(/class="op ok linearized" [^>]*data-name="#0">1: #0</);
    expect(html).toMatch(/class="op ok linearized" [^>]*data-name="#1">2: #1</);
    expect(html).toMatch(/class="op ok linearized" [^>]*data-name="#2">3: #2</);
    expect(html).toMatch(/class="op ok highlighted" [^>]*data-name="#3">#3</);
    expect(html).toContain('<h2 id="highlighted">not linearizable</h2>');
    expect(html).toContain('Longest linearizable prefix (3 operations)');
  });

  it('shows the state after each step, and why the red one cannot come next, on hover', () => {
    const html = page(STALE_READ);
    expect(html).toMatch(
      /title="#1 \[r&lt;b&gt;\] Read[^"]*\nstep 2 of all operations; state after: &quot;1&quot;"/,
    );
    expect(html).toMatch(/title="#3 [^"]*\ncannot take effect next in all operations"/);
  });

  it('numbers the whole linearization of a linearizable history', () => {
    const history = serialHistory(5);
    const html = page(history);
    expect(html).toContain('linearizable</h1>');
    expect(html.match(/class="op ok linearized"/g)).toHaveLength(10);
    expect(html).toMatch(/data-name="#9">10: #9</);
    expect(html).toMatch(/step 10 of all operations; state after: &quot;4&quot;/);
    expect(html).not.toContain('highlighted"');
  });

  it('escapes the history: a value <script> stays text, in content and in attributes', () => {
    const html = page(STALE_READ);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;2');
    expect(html).toContain('stale &lt;b&gt;.json');
  });

  it('is self-contained: no external URL, stylesheet or script', () => {
    expect(page(longFailingHistory(50))).not.toMatch(/https?:|src=|<link|@import|url\(/i);
  });

  it('summarizes beyond its limit: a bounded number of bars, the failing one still drawn', () => {
    const small = page(longFailingHistory(1_000), 100);
    const large = page(longFailingHistory(20_000), 100);
    expect(large.match(/class="op /g)).toHaveLength(100);
    expect(large).toContain('39902 of 40002 operations are not drawn');
    expect(large).toMatch(/highlighted" [^>]*data-name="#40001"/);
    // The explanation is cut too: the page grows with digits, not with the history.
    expect(large).toMatch(/… \d+ more lines/);
    expect(Math.abs(large.length - small.length)).toBeLessThan(4_000);
  });

  it('draws everything, without a summary, under the limit', () => {
    const html = page(serialHistory(20));
    expect(html.match(/class="op /g)).toHaveLength(40);
    expect(html).not.toContain('not drawn');
  });
});
