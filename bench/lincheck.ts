// Times the linearizability checker on Porcupine's six key-value histories, beside
// Porcupine's own times as recorded in the data's README (Go, 2 cores, same kind of
// machine, on another run: this benchmark does not time Porcupine), parsing excluded, median of
// RUNS runs after warming up (at least WARMUP runs and half a second per file, so the JIT has
// compiled the checker: we compare steady states). Run: node bin/run-ts.js bench/lincheck.ts [RUNS]
// [WARMUP] (default 21 and 10)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { checkLinearizability, loadHistory } from '../framework/check/index.ts';

const DATA = join(fileURLToPath(new URL('..', import.meta.url)), 'tests/fixtures/porcupine/kv');
/**
 * Porcupine's medians in milliseconds, from tests/fixtures/porcupine/README.md (a copy of the data
 * set's README).
 */
const PORCUPINE_MS: Record<string, number> = {
  'c01-ok': 0.11,
  'c01-bad': 0.04,
  'c10-ok': 0.37,
  'c10-bad': 0.21,
  'c50-ok': 101,
  'c50-bad': 19.5,
};

const runs = Number(process.argv[2] ?? 21);
const warmupRuns = Number(process.argv[3] ?? 10);
const WARMUP_MS = 500;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

// The ratio is against figures from another run, on a machine whose load then is unknown:
// say so, so that nobody reads it as a paired comparison. Timing Porcupine here needs Go and
// Porcupine's module, which this repository does not vendor: say which is missing.
const go = spawnSync('go', ['version'], { encoding: 'utf8' });
console.log(
  go.status === 0
    ? `Go is present (${go.stdout.trim()}), but Porcupine's module is not vendored here: it is not timed.`
    : 'No Go toolchain on this machine (`go version` fails): Porcupine is not timed.',
);
console.log(
  'Porcupine ms: medians recorded in tests/fixtures/porcupine/README.md on another run, not timed now;',
);
console.log(
  'ours/recorded depends on this machine and its load now: it is not a paired comparison.',
);
console.log('');
const rows: string[][] = [
  [
    'file',
    'ops',
    'verdict',
    'ours median ms',
    'ours min ms',
    'Porcupine ms (recorded)',
    'ours/recorded',
  ],
];
for (const [name, porcupineMs] of Object.entries(PORCUPINE_MS)) {
  const { history, spec } = loadHistory(
    readFileSync(join(DATA, `${name}.txt`), 'utf8'),
    'edn',
    'kv',
  );
  let verdict = '';
  const warmupStart = performance.now();
  for (let run = 0; run < warmupRuns || performance.now() - warmupStart < WARMUP_MS; run++)
    checkLinearizability(history, spec);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    verdict = checkLinearizability(history, spec).verdict;
    times.push(performance.now() - start);
  }
  const oursMs = median(times);
  rows.push([
    name,
    String(history.length),
    verdict,
    oursMs.toFixed(3),
    Math.min(...times).toFixed(3),
    String(porcupineMs),
    (oursMs / porcupineMs).toFixed(2),
  ]);
}
const widths =
  rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
for (const [index, row] of rows.entries()) {
  console.log(
    row
      .map((cell, column) =>
        column < 3 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}
