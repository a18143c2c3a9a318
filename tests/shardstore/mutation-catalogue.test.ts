import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { shardStoreTests } from '../../labs/shardstore/tests/index.ts';
import { SHARD_STORE_MUTANTS } from './mutants.ts';

// Each broken store fails the graded suite at its default seed: here, the test the catalogue
// names. (The reference passes every test: tests/labs/lab-*.test.ts.)
describe('lab 4 part 2 mutation catalogue', () => {
  it.each(SHARD_STORE_MUTANTS)('$name: fails test 2.$caughtBy', ({ implementation, caughtBy }) => {
    const test = shardStoreTests(implementation).find(
      (candidate) => candidate.part === 2 && candidate.number === caughtBy,
    );
    if (test === undefined) throw new Error(`lab 4 has no test 2.${caughtBy}`);
    const execution = executeTest(test, { seed: 1 });
    expect(execution.passed).toBe(false);
    expect(execution.failure).toBeDefined();
  });
});
