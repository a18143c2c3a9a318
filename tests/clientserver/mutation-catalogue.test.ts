import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { clientServerTests } from '../../labs/clientserver/tests.ts';
import { CLIENT_SERVER_MUTANTS } from './mutants.ts';

// Each mutant fails the graded suite at its default seed: here, every test the catalogue
// names. (The reference passes every test: tests/labs/lab-*.test.ts.)
const cases = CLIENT_SERVER_MUTANTS.flatMap((mutant) =>
  mutant.caughtBy.map(([part, number]) => ({
    name: mutant.name,
    implementation: mutant.implementation,
    part,
    number,
    test: `${part}.${number}`,
  })),
);

describe('lab 1 mutation catalogue', () => {
  it.each(cases)('$name: fails test $test', ({ implementation, part, number }) => {
    const test = clientServerTests(implementation).find(
      (candidate) => candidate.part === part && candidate.number === number,
    );
    if (test === undefined) throw new Error(`lab 1 has no test ${part}.${number}`);
    expect(executeTest(test, { seed: 1, now: () => performance.now() }).passed).toBe(false);
  });
});
