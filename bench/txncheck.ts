// Times the transactional checker (tslabs txncheck) on list-append histories of 10 K, 100 K and
// 1 M transactions, 4 micro-operations each, as Elle's own benchmarks measure it: a strictly
// serializable history (nothing to find, so the whole graph is built and proved acyclic) from
// 10 concurrent clients, over a pool of 10, 100 or 1000 active keys, each key retired after
// 32 appends (Jepsen's max-writes-per-key) so that reads stay short. Generation is excluded;
// each size runs in its own process so that memory figures do not mix: transactions per
// second, the growth of time from one size to the next against the growth of size (1.0 is
// linear), and the peak extra memory of the check per transaction (max RSS after the check
// minus max RSS before it). Rates are given per CPU second of the checking process (robust
// when other work shares the machine) and per wall second. Elle reports roughly 100-160 K
// transactions per second.
// Run: node bin/run-ts.js bench/txncheck.ts [SIZES] [KEY-POOLS] (default 10000,100000,1000000
// and 10,100,1000)
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { checkTransactions } from '../framework/check/index.ts';
import { listAppendHistory, SEED } from './txncheck-history.ts';

function measureOne(transactions: number, keyPool: number): void {
  const events = listAppendHistory(transactions, keyPool);
  // The generator's garbage is collected now, not during the timed check.
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeKb = process.resourceUsage().maxRSS;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = checkTransactions(events, { workload: 'list-append' });
  const cpu = process.cpuUsage(cpuStart);
  const elapsedMs = performance.now() - start;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rssAfterKb = process.resourceUsage().maxRSS;
  if (result.verdict !== 'valid')
    throw new Error(`expected a valid history, got ${result.verdict}`);
  // The same check again, on another history of the size, once the JIT has compiled it: the
  // rate of a process that checks many histories (a test suite) rather than one.
  const again = listAppendHistory(transactions, keyPool, SEED + 1);
  (globalThis as { gc?: () => void }).gc?.();
  const warmStart = process.cpuUsage();
  checkTransactions(again, { workload: 'list-append' });
  const warm = process.cpuUsage(warmStart);
  console.log(
    JSON.stringify({
      elapsedMs,
      cpuMs,
      warmCpuMs: (warm.user + warm.system) / 1000,
      edges: result.edges,
      extraBytes: (rssAfterKb - rssBeforeKb) * 1024,
    }),
  );
}

if (process.argv[2] === '--one') {
  measureOne(Number(process.argv[3]), Number(process.argv[4]));
} else {
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
  const pools = (process.argv[3] ?? '10,100,1000').split(',').map(Number);
  const script = fileURLToPath(import.meta.url);
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const rows = [
    [
      'keys',
      'transactions',
      'edges',
      'wall ms',
      'cpu ms',
      'txn/s (cpu)',
      'txn/s (wall)',
      'txn/s (cpu, warm)',
      'cpu growth / size growth',
      'bytes/txn',
    ],
  ];
  for (const pool of pools) {
    let previous: { size: number; ms: number } | undefined;
    for (const size of sizes) {
      const child = spawnSync(
        process.execPath,
        [
          '--max-old-space-size=8192',
          '--expose-gc',
          runTs,
          script,
          '--one',
          String(size),
          String(pool),
        ],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      const figures = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
        elapsedMs: number;
        cpuMs: number;
        warmCpuMs: number;
        edges: number;
        extraBytes: number;
      };
      const growth =
        previous === undefined
          ? '-'
          : (figures.cpuMs / previous.ms / (size / previous.size)).toFixed(2);
      rows.push([
        String(pool),
        String(size),
        String(figures.edges),
        figures.elapsedMs.toFixed(0),
        figures.cpuMs.toFixed(0),
        ((size / figures.cpuMs) * 1000).toFixed(0),
        ((size / figures.elapsedMs) * 1000).toFixed(0),
        ((size / figures.warmCpuMs) * 1000).toFixed(0),
        growth,
        (figures.extraBytes / size).toFixed(0),
      ]);
      previous = { size, ms: figures.cpuMs };
    }
  }
  const widths = (rows[0] as string[]).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] as string).length)),
  );
  for (const row of rows)
    console.log(row.map((cell, column) => cell.padStart(widths[column] as number)).join('  '));
}
