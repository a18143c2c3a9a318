import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serializeTrace } from '../../framework/trace/trace-file.ts';
import { startVisualizer, type VizServer } from '../../framework/cli/viz-server.ts';
import { brokenSearchTest } from './broken-lab.ts';
import { traceOf } from './broken-trace.ts';
import { browserAvailability, launchChromium, screenshotPath } from './browser.ts';
import { floodScenario, linearizabilityScenario } from './run-scenarios.ts';
import type { LabTest } from '../../framework/testing.ts';
import { pingPongLab } from '../../labs/pingpong/index.ts';

/** The course's labs, bundled into the page as `tslabs viz` bundles them. */
const COURSE_LABS = new URL('../../labs/index.ts', import.meta.url).href;

// End-to-end: the real page in headless Chromium, served by the real `tslabs viz` server.
const availability = browserAvailability();
if (availability.reason !== undefined) console.warn(`browser tests: ${availability.reason}`);

const LAPTOP = { width: 1366, height: 768 };

describe.skipIf(!availability.run)('the visualizer in a browser', () => {
  let browser: Browser;
  const servers: VizServer[] = [];
  /** The pages of the running test, whose CSP violations are checked after it. */
  let pages: Page[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  // The server's Content-Security-Policy must not break the page: a blocked style or script
  // is no page error, so the browser's violation reports are collected and must be none.
  afterEach(async () => {
    for (const page of pages)
      expect(
        await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
      ).toEqual([]);
    pages = [];
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await browser.close();
  });

  async function open(
    options: Omit<Parameters<typeof startVisualizer>[0], 'labsModule'>,
  ): Promise<Page> {
    const server = await startVisualizer({ labsModule: COURSE_LABS, ...options });
    servers.push(server);
    const page = await browser.newPage({ viewport: LAPTOP });
    pages.push(page);
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective}: ${event.blockedURI || 'inline'}`),
      );
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('.diagram-svg');
    expect(errors).toEqual([]);
    return page;
  }

  it('steps through a broken lab trace to the violation, with lanes, arrows and the changed field', async () => {
    const trace = traceOf(brokenSearchTest, 1);
    const page = await open({
      session: { mode: 'trace', file: 'broken-duplicating-server.json' },
      traceText: serializeTrace(trace),
    });
    await page.keyboard.press('Home');
    expect(await page.inputValue('#step-input')).toBe('0');
    expect(await page.locator('#violation-text').count()).toBe(0);
    await page.keyboard.press('n');
    await page.click('#step-next');
    expect(await page.inputValue('#step-input')).toBe('2');
    // The duplicate was executed a second time: the server's counter is highlighted.
    expect(
      (
        await page.locator('.node-card[data-node="server"] .tree-row.changed').allTextContents()
      ).join(' | '),
    ).toContain('executed2');
    await page.keyboard.press('n');
    expect(await page.inputValue('#step-input')).toBe('3');
    expect(await page.textContent('#violation-text')).toContain(
      'invariant "results OK" violated: client1 command 1',
    );
    expect(await page.textContent('#violation-text')).toContain('"value":"xx"');
    expect(await page.locator('.lane-name').allTextContents()).toEqual(['server', 'client1']);
    expect(await page.locator('.diagram-svg .arrow').count()).toBe(3);
    expect(await page.locator('.diagram-svg .arrow-duplicate').count()).toBe(1);
    expect(await page.locator('#predicates .predicate-fail').textContent()).toContain('results OK');
    const changed = page.locator('.node-card.changed[data-node="client1"] .tree-row.changed');
    expect(await changed.count()).toBeGreaterThan(0);
    expect(await changed.first().textContent()).toContain('client');
    await page.screenshot({ path: screenshotPath('trace-violation.png') });
  });

  it("shows the history checker's explanation carried by a trace", async () => {
    const trace = traceOf(linearizabilityScenario, 1, '0');
    const page = await open({ session: { mode: 'trace' }, traceText: serializeTrace(trace) });
    expect(await page.textContent('#explanation')).toContain('all operations: not linearizable.');
    expect(await page.textContent('#violation-text')).toContain(
      'the register history is not linearizable',
    );
    await page.screenshot({ path: screenshotPath('trace-explanation.png') });
  });

  it('explores lab 1 by clicking: delivers, branches, and reaches the goal', async () => {
    const page = await open({
      session: {
        mode: 'explore',
        explore: { kind: 'lab', lab: '1', clients: 1, workload: 'put-append-get' },
      },
    });
    expect(await page.textContent('#explore-title')).toContain('key-value server and 1 client');
    const takeNewestMessage = async (): Promise<void> => {
      await page
        .locator('.take-list.pending-list .pending-message button.take:not([disabled])')
        .last()
        .click();
    };
    await takeNewestMessage();
    await takeNewestMessage();
    expect(await page.locator('.diagram-svg .arrow').count()).toBe(2);
    // Back one step, then fire the client's timer instead: a second branch.
    await page.keyboard.press('p');
    await page.locator('.take-list .pending-timer button.take').first().click();
    expect(await page.locator('#history button').count()).toBe(4);
    expect(await page.inputValue('#step-input')).toBe('2');
    // Back to the first branch through the history, and on to the end of the workload.
    await page.locator('#history button').nth(2).click();
    expect(await page.inputValue('#step-input')).toBe('2');
    for (let step = 0; step < 4; step++) await takeNewestMessage();
    expect(await page.inputValue('#step-input')).toBe('6');
    expect(await page.locator('#predicates .predicate-reached').textContent()).toContain(
      'clients done',
    );
    await page.screenshot({ path: screenshotPath('explore-lab1.png') });
  });

  it('explores a run trace from one of its steps', async () => {
    const trace = traceOf(pingPongLab.tests[1] as LabTest, 1, '0');
    const page = await open({ session: { mode: 'trace' }, traceText: serializeTrace(trace) });
    await page.fill('#step-input', '5');
    await page.press('#step-input', 'Enter');
    await page.click('#explore-here');
    await page.waitForSelector('#explore-title');
    expect(await page.textContent('#explore-title')).toBe(
      'Lab 0 test 1.2, simulation 1 from step 5',
    );
    const messages = await page.locator('.take-list .pending-message').count();
    expect(messages).toBeGreaterThan(0);
    await page.locator('.take-list .pending-message button.take').first().click();
    expect(await page.inputValue('#step-input')).toBe('1');
    expect(await page.locator('.diagram-svg .arrow').count()).toBe(1);
  });

  it('opens a run trace of 15,000 events and draws only the rows in view', async () => {
    const trace = traceOf(floodScenario(1000), 1, '0');
    const events = trace.steps?.timelines[0]?.steps.length ?? 0;
    expect(events).toBeGreaterThanOrEqual(10_000);
    const page = await open({
      session: { mode: 'trace', file: 'flood.json' },
      traceText: serializeTrace(trace),
    });
    const firstRenderMs = await page.evaluate(() => window.tslabsFirstRenderMs ?? -1);
    console.log(
      `first render of a ${events}-event run trace: ${firstRenderMs.toFixed(0)} ms after navigation`,
    );
    expect(firstRenderMs).toBeGreaterThan(0);
    expect(await page.locator('.diagram-svg .row-bg').count()).toBeLessThan(120);
    await page.keyboard.press('End');
    expect(await page.inputValue('#step-input')).toBe(String(events));
    expect(await page.locator(`.row-bg[data-row="${events}"]`).count()).toBe(1);
    await page.fill('#step-input', '7500');
    await page.press('#step-input', 'Enter');
    expect(await page.locator('.diagram-svg .row-bg.current').getAttribute('data-row')).toBe(
      '7500',
    );
    await page.screenshot({ path: screenshotPath('run-15000-events.png') });
  });
});
