import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTransactions } from '../../../framework/check/index.ts';
import { txnCheckHtml } from '../../../framework/check/txn/txn-html.ts';
import { browserAvailability, launchChromium } from '../../visualizer/browser.ts';
import { MARKUP_SKEW } from './markup-skew.ts';

const availability = browserAvailability();
if (!availability.run) console.log(`txncheck page in a browser: ${availability.reason}`);

describe.skipIf(!availability.run)('the txncheck page in a browser', () => {
  let browser: Browser;
  const scratch = mkdtempSync(join(tmpdir(), 'tslabs-txn-html-'));
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('loads offline, shows the highlighted cycle, and runs no script from the history', async () => {
    const result = checkTransactions(MARKUP_SKEW, { workload: 'list-append' });
    const file = join(scratch, 'skew.html');
    writeFileSync(file, txnCheckHtml(MARKUP_SKEW, result, 'skew'));
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    const highlighted = await page
      .locator('.txn.highlighted')
      .evaluateAll((bars) =>
        bars.map((bar) => ({ name: bar.textContent, width: bar.getBoundingClientRect().width })),
      );
    expect(highlighted.map((bar) => bar.name)).toEqual(['T1', 'T2']);
    for (const bar of highlighted) expect(bar.width).toBeGreaterThan(0);
    expect(await page.locator('#highlighted').textContent()).toBe('G-single');
    expect(await page.locator('.cycle li').count()).toBe(2);
    expect(await page.locator('.txn[data-name="T1"]').getAttribute('title')).toContain(
      '<script>alert(1)</script>',
    );
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  });
});
