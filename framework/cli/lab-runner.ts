import chalk from 'chalk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { executeTest, type Lab, type LabTest, type TestExecution } from '../lab/lab-test.ts';
import type { SearchProgress } from '../search/search-options.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';
import { serializeTrace, TRACE_FORMAT, TRACE_VERSION } from '../trace/trace-file.ts';
import { TraceStepsRecorder } from '../trace/trace-steps-recorder.ts';
import type { TraceWithSteps } from '../trace/trace-steps.ts';
import { memoryInUseBytes } from './memory-limit.ts';
import { progressFigures, reportFigures } from './search-figures.ts';
import { failureSteps } from './viz-steps.ts';

/** What the runner needs to know besides the tests. */
export interface LabRunOptions {
  readonly seed: number;
  readonly variant: string | undefined;
  readonly saveTraces: boolean;
  readonly checks: boolean;
  readonly tracesDirectory: string;
  /** Each search ends as "memory exhausted" once the process holds this much (see memoryInUseBytes). */
  readonly memoryLimitBytes?: number;
  readonly onEvent?: (event: SimulationEvent) => void;
  readonly write: (line: string) => void;
  /** With --viz: receives each failed test's trace, with the visualizer's steps. */
  readonly onFailedTrace?: (trace: TraceWithSteps) => void;
}

/** Totals over the tests run. */
export interface LabRunTotals {
  passed: number;
  failed: number;
  points: number;
  pointsPossible: number;
}

/**
 * Runs tests one after another, printing each as `TEST P.N [RUN] description (points)
 * ... PASS (time)`; a failure is followed by its reason, its seed and the exact command
 * that replays it, and (with --save-traces) the trace file.
 */
export function runLabTests(lab: Lab, tests: readonly LabTest[], options: LabRunOptions, totals: LabRunTotals): void {
  options.write(chalk.bold(`Lab ${lab.id}: ${lab.title}${options.variant === undefined ? '' : ` (${options.variant})`}`));
  const progressLine = searchProgressLine();
  for (const test of tests) {
    const kind = test.kind === 'run' ? chalk.cyan('[RUN]') : chalk.magenta('[SEARCH]');
    const start = performance.now();
    const watched = options.saveTraces || options.onFailedTrace !== undefined ? new TraceStepsRecorder(false) : undefined;
    const execution = executeTest(watched?.watch(test) ?? test, {
      seed: options.seed,
      variant: options.variant,
      recordEvents: options.saveTraces,
      onEvent: options.onEvent,
      now: () => performance.now(),
      checks: options.checks,
      onSearchProgress: progressLine.update,
      ...(options.memoryLimitBytes === undefined ? {} : { memoryLimitBytes: options.memoryLimitBytes, memoryBytes: memoryInUseBytes }),
    });
    progressLine.clear();
    const seconds = ((performance.now() - start) / 1000).toFixed(3);
    const status = execution.passed ? chalk.green('PASS') : chalk.red('FAIL');
    options.write(`TEST ${test.part}.${test.number} ${kind} ${test.description} (${test.points} pts) ... ${status} (${seconds} s)`);
    for (const note of execution.notes) options.write(chalk.dim(`    ${note}`));
    for (const search of execution.searches) {
      options.write(chalk.dim(`    ${search.strategy} search, ${search.description}: ${search.outcome}, ${reportFigures(search)}`));
    }
    totals.pointsPossible += test.points;
    if (execution.passed) {
      totals.passed++;
      totals.points += test.points;
      continue;
    }
    totals.failed++;
    reportFailure(lab, test, execution, options, watched);
  }
}

const PROGRESS_LINE_INTERVAL_MS = 5_000;

/**
 * The live line of a running search (see progressFigures), rewritten in place on a
 * terminal; elsewhere (CI logs) a line every few seconds.
 */
function searchProgressLine(): { update: (description: string, progress: SearchProgress) => void; clear: () => void } {
  const terminal = process.stdout.isTTY;
  let shown = false;
  let lastPrintedMs = performance.now();
  return {
    update: (description, progress) => {
      const line = `    searching (${description}): ${progressFigures(progress)}`;
      if (terminal) {
        process.stdout.write(`\r\x1b[2K${chalk.dim(line)}`);
        shown = true;
      } else if (performance.now() - lastPrintedMs >= PROGRESS_LINE_INTERVAL_MS) {
        lastPrintedMs = performance.now();
        console.log(line);
      }
    },
    clear: () => {
      if (shown) process.stdout.write('\r\x1b[2K');
      shown = false;
    },
  };
}

function reportFailure(lab: Lab, test: LabTest, execution: TestExecution, options: LabRunOptions, watched: TraceStepsRecorder | undefined): void {
  for (const line of (execution.failure ?? 'failed').split('\n')) options.write(chalk.red(`    ${line}`));
  const variant = options.variant === undefined || options.variant === lab.defaultVariant ? '' : ` --variant ${options.variant}`;
  options.write(`    seed ${options.seed}; replay: ${chalk.bold(`npx tslabs test --lab ${lab.id}${variant} --test ${test.part}.${test.number} --seed ${options.seed}`)}`);
  if (!options.saveTraces && options.onFailedTrace === undefined) return;
  const steps = failureSteps(test, execution, watched, options.seed, options.variant, options.write);
  const trace: TraceWithSteps = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    lab: lab.id,
    ...(options.variant === undefined ? {} : { variant: options.variant }),
    part: test.part,
    test: test.number,
    description: test.description,
    kind: test.kind,
    seed: options.seed,
    settings: {},
    events: execution.events,
    ...(execution.searches.length === 0 ? {} : { search: execution.searches }),
    outcome: execution.passed ? { passed: true } : { passed: false, failure: execution.failure ?? 'failed' },
    ...(steps === undefined ? {} : { steps }),
  };
  options.onFailedTrace?.(trace);
  if (!options.saveTraces) return;
  mkdirSync(options.tracesDirectory, { recursive: true });
  const file = join(options.tracesDirectory, `lab${lab.id}${options.variant === undefined ? '' : `-${options.variant}`}-test${test.part}.${test.number}-seed${options.seed}.json`);
  writeFileSync(file, serializeTrace(trace));
  options.write(`    trace saved: ${file}; replay: ${chalk.bold(`npx tslabs replay ${file}`)}`);
}
