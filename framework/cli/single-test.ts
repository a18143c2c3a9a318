import chalk from 'chalk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { executeTest, type Lab, type LabTest, type TestExecution } from '../lab/lab-test.ts';
import type { ParallelSearches } from '../lab/parallel-searches.ts';
import type { SearchProgress } from '../search/search-options.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';
import { serializeTrace } from '../trace/trace-file.ts';
import { testTrace } from '../trace/test-trace.ts';
import { TraceStepsRecorder } from '../trace/trace-steps-recorder.ts';
import type { TraceWithSteps } from '../trace/trace-steps.ts';
import { memoryInUseBytes } from './memory-limit.ts';
import { replayCommandLine } from './replay-command-line.ts';
import { reportFigures } from './search-figures.ts';
import { failureSteps } from './viz-steps.ts';

/** How one test is run: the options of `tslabs test` that reach the test itself. */
export interface SingleTestOptions {
  readonly seed: number;
  readonly variant: string | undefined;
  readonly saveTraces: boolean;
  readonly checks: boolean;
  readonly tracesDirectory: string;
  /** With --viz: build the failed test's trace with the visualizer's steps. */
  readonly wantTrace: boolean;
  /**
   * Each search ends as "memory exhausted" once this thread holds this much (see memoryInUseBytes).
   */
  readonly memoryLimitBytes?: number;
  readonly onEvent?: (event: SimulationEvent) => void;
  readonly onSearchProgress?: (description: string, progress: SearchProgress) => void;
  /** `--workers N`: the threads the test's searches may run on. */
  readonly parallelSearches?: ParallelSearches;
}

/** How one test ended, as the runner prints it. */
export interface SingleTestResult {
  readonly passed: boolean;
  readonly elapsedMs: number;
  /**
   * The lines under the TEST line: notes, search figures, and for a failure its reason, seed and
   * replay command.
   */
  readonly details: readonly string[];
  /**
   * With `wantTrace`, a failed test's trace (serialized: it crosses from the test's worker thread).
   */
  readonly traceText?: string;
  /** Distinct states the test's searches saw, summed (absent for a test without searches). */
  readonly states?: number;
  /** A failure's first line: what a report says of it. */
  readonly reason?: string;
}

/**
 * Runs one test to completion in this thread and describes its outcome. The runner calls
 * it in a worker thread (test-worker.ts), so that a test past its time limit can be stopped.
 */
export function runSingleTest(
  lab: Lab,
  test: LabTest,
  options: SingleTestOptions,
): SingleTestResult {
  const start = performance.now();
  const watched =
    options.saveTraces || options.wantTrace ? new TraceStepsRecorder(false) : undefined;
  const execution = executeTest(watched?.watch(test) ?? test, {
    seed: options.seed,
    variant: options.variant,
    recordEvents: options.saveTraces,
    onEvent: options.onEvent,
    now: () => performance.now(),
    checks: options.checks,
    onSearchProgress: options.onSearchProgress,
    ...(options.parallelSearches === undefined
      ? {}
      : { parallelSearches: options.parallelSearches }),
    ...(options.memoryLimitBytes === undefined
      ? {}
      : { memoryLimitBytes: options.memoryLimitBytes, memoryBytes: memoryInUseBytes }),
  });
  const elapsedMs = performance.now() - start;
  const details: string[] = [];
  for (const note of execution.notes) details.push(chalk.dim(`    ${note}`));
  for (const search of execution.searches)
    details.push(
      chalk.dim(
        `    ${search.strategy} search, ${search.description}: ${search.outcome}, ${reportFigures(search)}`,
      ),
    );
  const states =
    execution.searches.length === 0
      ? {}
      : { states: execution.searches.reduce((sum, search) => sum + search.states, 0) };
  if (execution.passed) return { passed: true, elapsedMs, details, ...states };
  const trace = reportFailure(lab, test, execution, options, watched, (line) => details.push(line));
  return {
    passed: false,
    elapsedMs,
    details,
    ...states,
    reason: (execution.failure ?? 'failed').split('\n')[0] ?? 'failed',
    ...(trace === undefined || !options.wantTrace ? {} : { traceText: serializeTrace(trace) }),
  };
}

/**
 * Writes a failure's reason, seed and replay command, and saves its trace if asked; returns the
 * trace, if one was built.
 */
function reportFailure(
  lab: Lab,
  test: LabTest,
  execution: TestExecution,
  options: SingleTestOptions,
  watched: TraceStepsRecorder | undefined,
  write: (line: string) => void,
): TraceWithSteps | undefined {
  for (const line of (execution.failure ?? 'failed').split('\n')) write(chalk.red(`    ${line}`));
  write(
    `    seed ${options.seed}; replay: ${chalk.bold(replayCommandLine(lab, test, options.seed, options.variant))}`,
  );
  if (!options.saveTraces && !options.wantTrace) return undefined;
  const trace = testTrace({ lab, test, variant: options.variant }, options.seed, execution);
  // A saved run trace holds no steps (the visualizer records them again from the seed): they
  // are most of a long run's trace. A search trace keeps its few, which took a search to find.
  const needsSteps = options.wantTrace || test.kind === 'search';
  const steps = needsSteps
    ? failureSteps(test, execution, watched, options.seed, options.variant, write)
    : undefined;
  const withSteps: TraceWithSteps = steps === undefined ? trace : { ...trace, steps };
  if (!options.saveTraces) return withSteps;
  mkdirSync(options.tracesDirectory, { recursive: true });
  const file = join(
    options.tracesDirectory,
    `lab${lab.id}${options.variant === undefined ? '' : `-${options.variant}`}-test${test.part}.${test.number}-seed${options.seed}.json`,
  );
  writeFileSync(file, serializeTrace(test.kind === 'run' ? trace : withSteps));
  write(`    trace saved: ${file}; replay: ${chalk.bold(`npx tslabs replay ${file}`)}`);
  return withSteps;
}
