// Breadth-first search of the canonical lab 1 state spaces to exhaustion, printing unique
// states, seconds, states per second (of wall and of CPU time), peak memory and bytes per unique
// state.
// Run: node bin/run-ts.js bench/search-lab-one.ts [CLIENTSxAPPENDS ...]   (default 4x4 5x4)
//
// Memory is sampled every 10,000 new states. "heap" is V8's heap in use (garbage not yet
// collected included) plus the array buffers outside it (typed arrays' storage, such as
// the visited set's table): peak minus the figure before the search, per unique state, is
// the strict reading of bytes per state. "visited" is what the search keeps per unique
// state for the states it has seen: the fingerprint table (measured on a set holding as
// many fingerprints) and 8 bytes of path arrays (a parent index and an event; states
// pruned have none, so this is an upper bound).
//
// 4x4 paired with the engine of d0964bc (issue 12's "today"; an export of it with this file), run
// alternately in one script on a machine loaded about 20 deep on 2 cores (so compare
// states/CPU-s, not seconds), session 3:
//   d0964bc: states/CPU-s 151,947 / 159,108 / 164,666 / 188,351 (median 161,887)
//   now:     states/CPU-s 128,738 / 197,806 / 127,785 / 178,936 (median 153,837)
// About 0.95x in CPU time (medians; the paired ratios range over 0.78-1.24x): within the noise of
// this machine, neither shown slower nor faster.
import { performance } from 'node:perf_hooks';
import { CLIENTS_DONE_PRUNE, RESULTS_OK } from '../framework/testing.ts';
import { breadthFirstSearch } from '../framework/engine.ts';
import { FingerprintSet } from '../framework/engine.ts';
import { labOneModel } from '../tests/system/lab-one-model.ts';

const SAMPLE_INTERVAL_STATES = 10_000;
const MB = 2 ** 20;
const PATH_BYTES_PER_STATE = 8;

/** The memory of a visited set holding `count` fingerprints. */
function fingerprintTableBytes(count: number): number {
  const set = new FingerprintSet();
  for (let index = 1; index <= count; index++) set.add(index, Math.imul(index, 0x9e3779b1));
  return set.sizeBytes;
}

const spaces = process.argv.length > 2 ? process.argv.slice(2) : ['4x4', '5x4'];
const rows: string[][] = [
  [
    'space',
    'unique states',
    'expected',
    'seconds',
    'states/s',
    'CPU s',
    'states/CPU-s',
    'peak heap MB',
    'peak RSS MB',
    'B/state (heap)',
    'B/state (visited)',
  ],
];
for (const space of spaces) {
  const [clients, appends] = space.split('x').map(Number) as [number, number];
  const heapOf = (usage: NodeJS.MemoryUsage): number => usage.heapUsed + usage.arrayBuffers;
  const before = process.memoryUsage();
  let peakHeap = heapOf(before);
  let peakRss = before.rss;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, heapOf(usage));
    peakRss = Math.max(peakRss, usage.rss);
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = breadthFirstSearch(
    labOneModel(clients, appends),
    [RESULTS_OK, CLIENTS_DONE_PRUNE],
    {
      now: () => performance.now(),
      onProgress: sample,
      progressIntervalStates: SAMPLE_INTERVAL_STATES,
    },
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // The process's user and system time: on a shared machine, less disturbed than wall time.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sample();
  rows.push([
    `lab 1, ${clients} clients x ${appends} appends`,
    result.uniqueStates.toLocaleString('en-US'),
    (((appends + 1) ** 2) ** clients - 1).toLocaleString('en-US'),
    seconds.toFixed(1),
    Math.round(result.uniqueStates / seconds).toLocaleString('en-US'),
    cpuSeconds.toFixed(1),
    Math.round(result.uniqueStates / cpuSeconds).toLocaleString('en-US'),
    (peakHeap / MB).toFixed(0),
    (peakRss / MB).toFixed(0),
    ((peakHeap - heapOf(before)) / result.uniqueStates).toFixed(0),
    (
      fingerprintTableBytes(result.uniqueStates) / result.uniqueStates +
      PATH_BYTES_PER_STATE
    ).toFixed(0),
  ]);
  console.error(
    `${space}: ${result.outcome}, ${result.transitions.toLocaleString('en-US')} transitions, depth ${result.depthReached}`,
  );
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows)
  console.log(row.map((cell, column) => cell.padStart(widths[column]!)).join('  '));
