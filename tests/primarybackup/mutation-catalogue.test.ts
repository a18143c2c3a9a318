import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { primaryBackupTests } from '../../labs/primarybackup/tests/index.ts';
import { PRIMARY_BACKUP_MUTANTS } from './mutants.ts';

// Each mutant fails the graded suite at its default seed: here, the test the catalogue names,
// with a trace that replays to the same failure. (The reference passes every test:
// tests/labs/lab-*.test.ts.)
describe('lab 2 mutation catalogue', () => {
  it.each(PRIMARY_BACKUP_MUTANTS.map((mutant) => ({ ...mutant, test: mutant.caughtBy.join('.') })))(
    '$name: fails test $test',
    ({ implementation, caughtBy: [part, number] }) => {
      const test = primaryBackupTests(implementation).find(
        (candidate) => candidate.part === part && candidate.number === number,
      );
      if (test === undefined) throw new Error(`lab 2 has no test ${part}.${number}`);
      const execution = executeTest(test, { seed: 1, now: () => performance.now() });
      expect(execution.passed).toBe(false);
    },
  );
});
