// The visualizer at scale: time to first render of a large run trace in headless Chromium
// (from navigation to the first drawn diagram: fetching the trace, parsing it, indexing it,
// drawing the rows in view), and the frame times while scrolling through it. Also the wall
// time to record the trace's steps and its size.
// Run: node bin/run-ts.js bench/visualizer-first-render.ts [RUNS] (default 5; needs
// /usr/bin/chromium)
import { performance } from 'node:perf_hooks';
import { startVisualizer } from '../framework/cli/viz-server.ts';
import { serializeTrace } from '../framework/trace/index.ts';
import { traceOf } from '../tests/visualizer/broken-trace.ts';
import { browserAvailability, launchChromium } from '../tests/visualizer/browser.ts';
import { floodScenario } from '../tests/visualizer/run-scenarios.ts';

const runs = Number(process.argv[2] ?? 5);
const SCROLL_FRAMES = 120;
const VIEWPORT = { width: 1366, height: 768 };

const availability = browserAvailability();
if (!availability.run) {
  console.log(availability.reason);
  process.exit(0);
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const percentile = (values: number[], fraction: number): number =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor(values.length * fraction))
  ] as number;

const browser = await launchChromium();
for (const pings of [667, 1000]) {
  const recordStart = performance.now();
  const trace = traceOf(floodScenario(pings), 1, '0');
  const recordMs = performance.now() - recordStart;
  const text = serializeTrace(trace);
  const events = trace.steps?.timelines[0]?.steps.length ?? 0;
  const server = await startVisualizer({
    labsModule: new URL('../labs/index.ts', import.meta.url).href,
    session: { mode: 'trace', file: 'bench.json' },
    traceText: text,
  });
  const firstRenders: number[] = [];
  let frames: number[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(server.url);
    await page.waitForSelector('.diagram-svg');
    firstRenders.push(await page.evaluate(() => window.tslabsFirstRenderMs ?? Number.NaN));
    if (run === 0) {
      // Scroll a third of a screen per frame through the diagram, timing each frame.
      frames = await page.evaluate(async (count) => {
        const scroller = document.querySelector('.diagram-scroll') as HTMLElement;
        const times: number[] = [];
        let last = performance.now();
        for (let frame = 0; frame < count; frame++) {
          scroller.scrollTop += scroller.clientHeight / 3;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        return times;
      }, SCROLL_FRAMES);
    }
    await page.close();
  }
  await server.close();
  console.log(
    `run trace of ${events.toLocaleString('en-US')} events (${(text.length / 1e6).toFixed(1)} MB; steps recorded in ${recordMs.toFixed(0)} ms):`,
  );
  console.log(
    `  time to first render: median ${median(firstRenders).toFixed(0)} ms, best ${Math.min(...firstRenders).toFixed(0)} ms over ${runs} page loads (${firstRenders.map((ms) => ms.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  scrolling (${SCROLL_FRAMES} frames, a third of a screen each): median frame ${median(frames).toFixed(1)} ms, 95th percentile ${percentile(frames, 0.95).toFixed(1)} ms, worst ${Math.max(...frames).toFixed(1)} ms`,
  );
}
await browser.close();
