import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One test file per core: Vitest's default leaves one core to its own process, which sits
    // idle while the files run, and on a 2-core machine that runs the files one at a time
    // (measured: the lab suites take 297 s with one worker and 174 s with two).
    maxWorkers: availableParallelism(),
  },
});
