import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest, type LabTest } from '../../framework/testing.ts';
import { paxosTests } from '../../labs/paxos/tests/index.ts';

// The lab's runner uses one seed; the tests of asymmetric and churning failures are worth
// more of them. The reference passes each on every seed here, in both variants.
const SEEDS = Array.from({ length: 20 }, (_, index) => index + 1);

function labTest(part: number, number: number): LabTest {
  const test = paxosTests().find(
    (candidate) => candidate.part === part && candidate.number === number,
  );
  if (test === undefined) throw new Error(`lab 3 has no test ${part}.${number}`);
  return test;
}

describe.each(['basic', 'optimized'])('lab 3 (%s) over seeds 1-20', (variant) => {
  it.each([
    [2, 14],
    [2, 15],
  ])('passes test %i.%i on every seed', (part, number) => {
    const test = labTest(part, number);
    const failures = SEEDS.flatMap((seed) => {
      const execution = executeTest(test, { seed, variant, now: () => performance.now() });
      return execution.passed ? [] : [`seed ${seed}: ${execution.failure}`];
    });
    expect(failures).toEqual([]);
  });
});
