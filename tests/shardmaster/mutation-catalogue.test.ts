import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { shardMasterTests } from '../../labs/shardmaster/tests/index.ts';
import { SHARD_MASTER_MUTANTS } from './mutants.ts';

// Each mutant fails every part 1 test the catalogue names. (The reference passes every test:
// tests/labs/lab-*.test.ts.)
const cases = SHARD_MASTER_MUTANTS.flatMap((mutant) =>
  mutant.caughtBy.map((number) => ({
    name: mutant.name,
    implementation: mutant.implementation,
    number,
    test: `1.${number}`,
  })),
);

describe('lab 4 part 1 mutation catalogue', () => {
  it.each(cases)('$name: fails test $test', ({ implementation, number }) => {
    const test = shardMasterTests(implementation).find(
      (candidate) => candidate.part === 1 && candidate.number === number,
    );
    if (test === undefined) throw new Error(`lab 4 has no test 1.${number}`);
    const execution = executeTest(test, { seed: 1 });
    expect(execution.failure).toBeDefined();
    expect(execution.passed).toBe(false);
  });

  it('each mutant fails exactly the tests the catalogue lists', () => {
    // Which tests fail on each mutant, so that the catalogue's lists stay exact.
    const failing = SHARD_MASTER_MUTANTS.map((mutant) => ({
      name: mutant.name,
      failing: shardMasterTests(mutant.implementation)
        .filter((test) => !executeTest(test, { seed: 1 }).passed)
        .map((test) => test.number),
    }));
    expect(failing).toEqual(
      SHARD_MASTER_MUTANTS.map((mutant) => ({ name: mutant.name, failing: mutant.caughtBy })),
    );
  });
});
