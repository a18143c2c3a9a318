import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { raftTests } from '../../labs/raft/tests/index.ts';
import { RAFT_MUTANTS } from './mutants.ts';

// Each mutant fails the graded suite at its default seed: here, the test the catalogue names.
describe('Raft lab mutation catalogue', () => {
  it.each(RAFT_MUTANTS.map((mutant) => ({ ...mutant, test: mutant.caughtBy.join('.') })))(
    '$name: fails test $test',
    ({ implementation, caughtBy: [part, number] }) => {
      const test = raftTests(implementation).find(
        (candidate) => candidate.part === part && candidate.number === number,
      );
      if (test === undefined) throw new Error(`the Raft lab has no test ${part}.${number}`);
      const execution = executeTest(test, { seed: 1, now: () => performance.now() });
      expect(execution.passed).toBe(false);
    },
  );

  it('the reference solution passes the tests that catch the mutants', () => {
    for (const {
      caughtBy: [part, number],
    } of RAFT_MUTANTS) {
      const test = raftTests().find((t) => t.part === part && t.number === number);
      if (test === undefined) throw new Error(`no test ${part}.${number}`);
      expect(executeTest(test, { seed: 1, now: () => performance.now() }).passed).toBe(true);
    }
  });
});
