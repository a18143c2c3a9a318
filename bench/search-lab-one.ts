// Breadth-first search of the canonical lab 1 state spaces to exhaustion, printing unique
// states, seconds, states per second, peak memory and bytes per visited state.
// Run: node bin/run-ts.js bench/search-lab-one.ts [CLIENTSxAPPENDS ...]   (default 4x4 5x4)
import { performance } from 'node:perf_hooks';
import { breadthFirstSearch, CLIENTS_DONE_PRUNE, RESULTS_OK } from '../framework/index.ts';
import { labOneModel } from '../tests/system/lab-one-model.ts';

const spaces = process.argv.length > 2 ? process.argv.slice(2) : ['4x4', '5x4'];
const rows: string[][] = [['space', 'unique states', 'expected', 'seconds', 'states/s', 'peak heap MB', 'peak RSS MB', 'bytes/state (heap)']];
for (const space of spaces) {
  const [clients, appends] = space.split('x').map(Number) as [number, number];
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };
  const start = performance.now();
  const result = breadthFirstSearch(labOneModel(clients, appends), [RESULTS_OK, CLIENTS_DONE_PRUNE], {
    now: () => performance.now(),
    onProgress: sample,
    progressIntervalStates: 100_000,
  });
  const seconds = (performance.now() - start) / 1000;
  sample();
  rows.push([
    `lab 1, ${clients} clients x ${appends} appends`,
    result.uniqueStates.toLocaleString('en-US'),
    (((appends + 1) ** 2) ** clients - 1).toLocaleString('en-US'),
    seconds.toFixed(1),
    Math.round(result.uniqueStates / seconds).toLocaleString('en-US'),
    ((peakHeap) / 2 ** 20).toFixed(0),
    (peakRss / 2 ** 20).toFixed(0),
    ((peakHeap - heapBefore) / result.uniqueStates).toFixed(0),
  ]);
  console.error(`${space}: ${result.outcome}`);
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column]!)).join('  '));
