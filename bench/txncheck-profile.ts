// Profiles one check of a benchmark history (bench/txncheck-history.ts) and nothing else: the
// history is generated first, then the inspector's CPU profiler runs around the check alone.
// Prints the functions with the most self time, and writes the profile for DevTools.
// Run: node bin/run-ts.js bench/txncheck-profile.ts [TRANSACTIONS] [KEY-POOL] [--warm]
// (default 100000 and 100; --warm checks another history first, so that the profile shows
// optimized code rather than the JIT's warm-up)
import { writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { checkTransactions } from '../framework/check/index.ts';
import { listAppendHistory } from './txncheck-history.ts';

const transactions = Number(process.argv[2] ?? 100_000);
const keyPool = Number(process.argv[3] ?? 100);
if (process.argv.includes('--warm'))
  checkTransactions(listAppendHistory(transactions, keyPool, 7), { workload: 'list-append' });
const events = listAppendHistory(transactions, keyPool);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
await session.post('Profiler.start');
const result = checkTransactions(events, { workload: 'list-append' });
const { profile } = await session.post('Profiler.stop');
if (result.verdict !== 'valid') throw new Error(`expected a valid history, got ${result.verdict}`);
const file = `txncheck-${transactions}-${keyPool}.cpuprofile`;
writeFileSync(file, JSON.stringify(profile));
printSelfTimes(profile);
console.log(`profile written to ${file}`);

function printSelfTimes(profile: Profiler.Profile): void {
  const sampled = new Map<number, number>();
  (profile.timeDeltas ?? []).forEach((delta, index) => {
    const node = profile.samples?.[index] as number;
    sampled.set(node, (sampled.get(node) ?? 0) + delta);
  });
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const micros = sampled.get(node.id) ?? 0;
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').at(-1) ?? ''}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  console.log(`${(total / 1000).toFixed(0)} ms sampled`);
  for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(micros / 1000).toFixed(1).padStart(9)} ms  ${name}`);
}
