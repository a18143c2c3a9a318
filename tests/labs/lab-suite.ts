import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { labs } from '../../labs/index.ts';

/**
 * Every test of one lab, on its reference solution, as the tslabs command runs it (seed 1), in
 * each of the lab's variants or the one named. One file per lab (or variant) calls this, so
 * that the test runner spreads the labs over the cores instead of running them one by one.
 */
export function labSuite(labId: string, onlyVariant?: string): void {
  const lab = labs.find((candidate) => candidate.id === labId);
  if (lab === undefined) throw new Error(`no lab ${labId} in the registry`);
  const variants = onlyVariant !== undefined ? [onlyVariant] : (lab.variants ?? [undefined]);
  for (const variant of variants) {
    describe(`lab ${lab.id} ${lab.name}${variant === undefined ? '' : ` (${variant})`}`, () => {
      for (const test of lab.tests) {
        it(`${test.part}.${test.number} [${test.kind.toUpperCase()}] ${test.description}`, () => {
          const execution = executeTest(test, { seed: 1, variant, now: () => performance.now() });
          expect(execution.failure).toBeUndefined();
          expect(execution.passed).toBe(true);
        });
      }
    });
  }
}
