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
import { shardedStoreLab } from '../../labs/shardstore/index.ts';

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

  it('explores lab 4 and shows which group owns and holds each shard at every step', async () => {
    const page = await open({
      session: {
        mode: 'explore',
        explore: {
          kind: 'lab',
          lab: '4',
          counts: { groups: 2 },
          texts: { 'config-script': 'JOIN:1,JOIN:2' },
        },
      },
    });
    expect(await page.textContent('#explore-title')).toContain(
      '2 groups of 1 server, 1 shard master, 1 client, 4 shards; config script JOIN:1,JOIN:2',
    );
    const shards = page.locator('#state-summary table[data-summary="Shards"]');
    const column = async (index: number): Promise<string[]> =>
      shards.locator(`tbody tr td:nth-child(${index})`).allTextContents();
    expect(await page.textContent('#state-summary h2')).toBe('Shard ownership');
    expect(await column(1)).toEqual(['1', '2', '3', '4']);
    expect(await column(2)).toEqual(['—', '—', '—', '—']);
    expect(await page.textContent('#state-summary')).toContain(
      'The shard masters have no configuration yet',
    );
    const deliver = async (from: string, to: string): Promise<void> => {
      await page
        .locator('.take-list .pending-message', { hasText: `from ${from} to ${to},` })
        .last()
        .locator('button.take')
        .click();
    };
    // The administrator's Join of group 1 is decided at once by the one shard master.
    await deliver('admin', 'master1');
    expect(await shards.locator('thead th').nth(1).textContent()).toBe('Owner in config 0');
    expect(await column(2)).toEqual(['group 1', 'group 1', 'group 1', 'group 1']);
    expect(await column(3)).toEqual(['—', '—', '—', '—']);
    expect(await shards.locator('td.changed').count()).toBe(4);
    // Group 1 asks for configuration 0 and adopts it through its log: it holds every shard.
    await deliver('server1-1', 'master1');
    await deliver('master1', 'server1-1');
    expect(await column(3)).toEqual(['group 1', 'group 1', 'group 1', 'group 1']);
    // Group, configuration it is in, shards it owns in the latest, shards it holds.
    const groups = page.locator('#state-summary table[data-summary="Groups"] tbody tr');
    expect(await groups.nth(0).locator('td').allTextContents()).toEqual([
      '1',
      '0',
      '1, 2, 3, 4',
      '1, 2, 3, 4',
    ]);
    expect(await groups.nth(1).locator('td').allTextContents()).toEqual(['2', 'none', '—', '—']);
    await page.screenshot({ path: screenshotPath('explore-lab4-ownership.png') });
    // Back to the start: the summary follows the step shown.
    await page.keyboard.press('Home');
    expect(await column(2)).toEqual(['—', '—', '—', '—']);
  });

  it('shows the shard ownership at each step of a lab 4 run trace too', async () => {
    const test = shardedStoreLab.tests.find(
      (candidate) => candidate.part === 2 && candidate.number === 1,
    ) as LabTest;
    const page = await open({
      session: { mode: 'trace' },
      traceText: serializeTrace(traceOf(test, 1, '4')),
    });
    const held = page.locator('#state-summary table[data-summary="Shards"] tbody td:nth-child(3)');
    expect(await held.allTextContents()).toEqual(Array.from({ length: 10 }, () => '—'));
    await page.keyboard.press('End');
    expect(await held.allTextContents()).toEqual(Array.from({ length: 10 }, () => 'group 1'));
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
