// The mutation catalogues of labs 1 and 3: for each deliberately broken solution (and each
// variant it is broken in), every graded test that fails on it at the default seed, and
// how long the suite took to catch it (the wall time of the suite, in order, until its
// first failing test ended). The tables in the labs' READMEs come from this.
// Run: node bin/run-ts.js bench/mutation-catalogue.ts
import { performance } from 'node:perf_hooks';
import { executeTest, type LabTest } from '../framework/testing.ts';
import { clientServerTests } from '../labs/clientserver/tests.ts';
import { paxosTests } from '../labs/paxos/tests/index.ts';
import { CLIENT_SERVER_MUTANTS } from '../tests/clientserver/mutants.ts';
import { PAXOS_MUTANTS } from '../tests/paxos/mutants.ts';

/** Runs a suite in order: the tests that fail, and the seconds until the first of them ended. */
function catches(
  tests: readonly LabTest[],
  variant: string | undefined,
): { failing: string[]; firstCatchS: number | undefined } {
  const start = performance.now();
  const failing: string[] = [];
  let firstCatchS: number | undefined;
  for (const test of tests) {
    if (executeTest(test, { seed: 1, variant, now: () => performance.now() }).passed) continue;
    failing.push(`${test.part}.${test.number}`);
    firstCatchS ??= (performance.now() - start) / 1000;
  }
  return { failing, firstCatchS };
}

function row(name: string, variant: string, result: ReturnType<typeof catches>): string {
  const first =
    result.firstCatchS === undefined
      ? 'not caught'
      : `${result.failing[0]} after ${result.firstCatchS.toFixed(1)} s`;
  return `| ${name} | ${variant} | ${result.failing.join(', ') || '—'} | ${first} |`;
}

const start = performance.now();
console.log('Lab 1');
console.log('');
console.log('| mutant | variant | tests that fail | first caught |');
console.log('|---|---|---|---|');
for (const mutant of CLIENT_SERVER_MUTANTS)
  console.log(row(mutant.name, '—', catches(clientServerTests(mutant.implementation), undefined)));
console.log('');
console.log('Lab 3');
console.log('');
console.log('| mutant | variant | tests that fail | first caught |');
console.log('|---|---|---|---|');
for (const mutant of PAXOS_MUTANTS) {
  for (const variant of ['basic', 'optimized'] as const) {
    const result = catches(paxosTests(mutant.implementation), variant);
    console.log(
      row(
        mutant.name,
        mutant.caughtBy[variant] === undefined ? `${variant} (not broken there)` : variant,
        result,
      ),
    );
  }
}
console.log('');
console.log(`wall time ${((performance.now() - start) / 1000).toFixed(1)} s`);
