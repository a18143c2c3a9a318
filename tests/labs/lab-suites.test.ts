import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { executeTest } from '../../framework/testing.ts';
import { labs } from '../../labs/index.ts';

// Every lab test, on its reference solution, as the tslabs command runs it (seed 1).
for (const lab of labs) {
  const variants = lab.variants ?? [undefined];
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
