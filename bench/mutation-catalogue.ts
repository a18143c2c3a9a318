// The mutation catalogues of labs 1 to 4: for each deliberately broken solution (and each
// variant it is broken in), the graded tests that fail on it at the default seed, and how
// long the suite took to catch it (the wall time of the suite, in order, until its first
// failing test ended). Labs 1, 3 and 4 part 1 run their whole suite on every mutant; lab 2 and
// lab 4 part 2, whose suites take minutes, stop at the first failing test. The tables in the
// labs' READMEs come from this.
// Run: node bin/run-ts.js bench/mutation-catalogue.ts [LAB ...]   (default: 1 2 3 4)
import { performance } from 'node:perf_hooks';
import { executeTest, type LabTest } from '../framework/testing.ts';
import { clientServerTests } from '../labs/clientserver/tests.ts';
import { paxosTests } from '../labs/paxos/tests/index.ts';
import { primaryBackupTests } from '../labs/primarybackup/tests/index.ts';
import { shardMasterTests } from '../labs/shardmaster/tests/index.ts';
import { shardStoreTests } from '../labs/shardstore/tests/index.ts';
import { CLIENT_SERVER_MUTANTS } from '../tests/clientserver/mutants.ts';
import { PAXOS_MUTANTS } from '../tests/paxos/mutants.ts';
import { PRIMARY_BACKUP_MUTANTS } from '../tests/primarybackup/mutants.ts';
import { SHARD_MASTER_MUTANTS } from '../tests/shardmaster/mutants.ts';
import { SHARD_STORE_MUTANTS } from '../tests/shardstore/mutants.ts';

interface Catch {
  readonly failing: string[];
  readonly firstCatchS: number | undefined;
  /** Whether the suite stopped at its first failing test (the later ones were not run). */
  readonly stopped: boolean;
}

/** Runs a suite in order: the tests that fail, and the seconds until the first of them ended. */
function catches(
  tests: readonly LabTest[],
  variant: string | undefined,
  stopAtFirst = false,
): Catch {
  const start = performance.now();
  const failing: string[] = [];
  let firstCatchS: number | undefined;
  for (const test of tests) {
    if (executeTest(test, { seed: 1, variant, now: () => performance.now() }).passed) continue;
    failing.push(`${test.part}.${test.number}`);
    firstCatchS ??= (performance.now() - start) / 1000;
    if (stopAtFirst) return { failing, firstCatchS, stopped: true };
  }
  return { failing, firstCatchS, stopped: false };
}

function row(name: string, variant: string, result: Catch): string {
  const first =
    result.firstCatchS === undefined
      ? 'not caught'
      : `${result.failing[0]} after ${result.firstCatchS.toFixed(1)} s`;
  const failing = (result.failing.join(', ') || '—') + (result.stopped ? ' (then stopped)' : '');
  return `| ${name} | ${variant} | ${failing} | ${first} |`;
}

function table(title: string, rows: () => void): void {
  console.log(title);
  console.log('');
  console.log('| mutant | variant | tests that fail | first caught |');
  console.log('|---|---|---|---|');
  rows();
  console.log('');
}

const labs = process.argv.length > 2 ? process.argv.slice(2) : ['1', '2', '3', '4'];
const unknown = labs.filter((lab) => !['1', '2', '3', '4'].includes(lab));
if (unknown.length > 0) {
  console.error(`unknown lab ${unknown.join(', ')}: the catalogues are of labs 1, 2, 3 and 4`);
  process.exit(2);
}
const start = performance.now();
if (labs.includes('1'))
  table('Lab 1', () => {
    for (const mutant of CLIENT_SERVER_MUTANTS)
      console.log(
        row(mutant.name, '—', catches(clientServerTests(mutant.implementation), undefined)),
      );
  });
if (labs.includes('2'))
  table('Lab 2 (each suite stops at its first failing test)', () => {
    for (const mutant of PRIMARY_BACKUP_MUTANTS)
      console.log(
        row(mutant.name, '—', catches(primaryBackupTests(mutant.implementation), undefined, true)),
      );
  });
if (labs.includes('3'))
  table('Lab 3', () => {
    for (const mutant of PAXOS_MUTANTS) {
      for (const variant of ['basic', 'optimized'] as const) {
        const result = catches(paxosTests(mutant.implementation), variant);
        const broken = mutant.caughtBy[variant] !== undefined;
        console.log(row(mutant.name, broken ? variant : `${variant} (not broken there)`, result));
      }
    }
  });
if (labs.includes('4')) {
  table('Lab 4, part 1', () => {
    for (const mutant of SHARD_MASTER_MUTANTS)
      console.log(
        row(mutant.name, '—', catches(shardMasterTests(mutant.implementation), undefined)),
      );
  });
  table('Lab 4, part 2 (each suite stops at its first failing test)', () => {
    for (const mutant of SHARD_STORE_MUTANTS)
      console.log(
        row(mutant.name, '—', catches(shardStoreTests(mutant.implementation), undefined, true)),
      );
  });
}
console.log(`wall time ${((performance.now() - start) / 1000).toFixed(1)} s`);
