import { describe, expect, it } from 'vitest';
import { checkTransactions, type TxnEvent } from '../../../framework/check/index.ts';
import { txnCheckHtml } from '../../../framework/check/txn/txn-html.ts';
import { MARKUP_SKEW } from './markup-skew.ts';
import { history } from './txn-history-builder.ts';

function page(events: TxnEvent[], transactionsMax?: number): string {
  const result = checkTransactions(events, { workload: 'list-append' });
  return txnCheckHtml(events, result, 'skew <b>.edn', transactionsMax);
}

/** Many serial transactions after the read skew. */
function longHistory(extra: number): TxnEvent[] {
  return history((h) => {
    for (const event of MARKUP_SKEW) h.events.push(event);
    for (let index = 0; index < extra; index++) h.txn(3 + (index % 5), [['append', 'z', index]]);
  });
}

describe('txnCheckHtml', () => {
  it('draws one lane per process and highlights the cycle, with its edges explained', () => {
    const html = page(MARKUP_SKEW);
    expect(html.match(/class="lane"/g)).toHaveLength(3);
    expect(html).toMatch(/class="txn ok highlighted"[^>]*data-name="T1"/);
    expect(html).toMatch(/class="txn ok highlighted"[^>]*data-name="T2"/);
    expect(html).toMatch(/class="txn ok"[^>]*data-name="T3"/);
    expect(html).toContain('<h2 id="highlighted">G-single</h2>');
    expect(html).toContain('<li>T1 &lt; T2, because');
  });

  it('escapes the history: a value <script> stays text, in content and in attributes', () => {
    const html = page(MARKUP_SKEW);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('skew &lt;b&gt;.edn');
  });

  it('is self-contained: no external URL, stylesheet or script', () => {
    const html = page(longHistory(50));
    expect(html).not.toMatch(/https?:|src=|<link|@import|url\(/i);
  });

  it('summarizes beyond its limit: a bounded number of bars, the cycle still drawn', () => {
    const small = page(longHistory(1_000), 100);
    const large = page(longHistory(20_000), 100);
    expect(large.match(/class="txn /g)).toHaveLength(100);
    expect(large).toContain('19903 of 20003 transactions are not drawn');
    expect(large).toMatch(/highlighted"[^>]*data-name="T1"/);
    // The page grows with the count of left-out transactions' digits, not with the history.
    expect(Math.abs(large.length - small.length)).toBeLessThan(2_000);
  });

  it('draws everything, without a summary, under the limit', () => {
    const html = page(longHistory(20));
    expect(html.match(/class="txn /g)).toHaveLength(23);
    expect(html).not.toContain('not drawn');
  });
});
