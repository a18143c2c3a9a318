import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labs } from '../../labs/index.ts';

// The lab suites are one file per lab (per variant for lab 3): a lab added to the registry
// without its file would go untested.
describe('the lab suites', () => {
  for (const lab of labs) {
    it(`cover lab ${lab.id}`, () => {
      const files =
        lab.id === '3'
          ? (lab.variants ?? []).map((variant) => `lab-3-${variant}.test.ts`)
          : [`lab-${lab.id}.test.ts`];
      for (const file of files) expect(existsSync(new URL(file, import.meta.url))).toBe(true);
    });
  }
});
