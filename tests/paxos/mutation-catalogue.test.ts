import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { paxosTests } from '../../labs/paxos/tests/index.ts';
import { PAXOS_MUTANTS } from './mutants.ts';

// Each mutant fails the graded suite at its default seed: here, the test the catalogue
// names. (The reference passes every test: tests/labs/lab-*.test.ts.)
const cases = PAXOS_MUTANTS.flatMap((mutant) =>
  Object.entries(mutant.caughtBy).map(([variant, [part, number]]) => ({
    name: mutant.name,
    implementation: mutant.implementation,
    variant,
    part,
    number,
    test: `${part}.${number}`,
  })),
);

describe('lab 3 mutation catalogue', () => {
  it.each(cases)(
    '$name ($variant): fails test $test',
    ({ implementation, variant, part, number }) => {
      const test = paxosTests(implementation).find(
        (candidate) => candidate.part === part && candidate.number === number,
      );
      if (test === undefined) throw new Error(`lab 3 has no test ${part}.${number}`);
      const execution = executeTest(test, { seed: 1, variant, now: () => performance.now() });
      expect(execution.passed).toBe(false);
    },
  );
});
