import chalk from 'chalk';
import { performance } from 'node:perf_hooks';
import { testTimeLimitS, type Lab, type LabTest } from '../lab/lab-test.ts';
import type { SearchProgress } from '../search/search-options.ts';
import type { TraceWithSteps } from '../trace/trace-steps.ts';
import type { LogLevel } from './event-printer.ts';
import { replayCommandLine } from './replay-command-line.ts';
import { progressFigures } from './search-figures.ts';
import { TestStatusLine, type RunnerOutput } from './test-status-line.ts';
import type { TestThread, TestThreadOutcome } from './test-thread.ts';
import type { ReportEntry } from './run-report.ts';

/** What the runner needs to know besides the tests. */
export interface LabRunOptions {
  readonly seed: number;
  readonly variant: string | undefined;
  readonly saveTraces: boolean;
  readonly checks: boolean;
  readonly tracesDirectory: string;
  readonly logLevel: LogLevel;
  /**
   * --max-memory: each search ends as "memory exhausted" once the test's thread holds this much.
   */
  readonly memoryLimitBytes?: number;
  /** --max-time-s: every test's time limit, in place of its own. */
  readonly maxTimeS?: number;
  /** --no-timeouts: no time limit at all. */
  readonly timeouts: boolean;
  /** The thread the tests run in, which the runner terminates when a test passes its limit. */
  readonly thread: TestThread;
  readonly output: RunnerOutput;
  /**
   * With --viz: receives each failed test's trace, with the visualizer's steps, as soon as
   * the test ends, and a way to write lines that keeps the running test's line intact.
   */
  readonly onFailedTrace?: (trace: TraceWithSteps, write: (line: string) => void) => void;
  /** Aborted on Ctrl-C: the running test is stopped, and no further test starts. */
  readonly signal?: AbortSignal;
  /** `--workers N`: threads for each test's searches (default 1: the test's own). */
  readonly workers?: number;
  /** With --report: receives each test's entry as the test ends. */
  readonly onReportEntry?: (entry: ReportEntry) => void;
}

/** Totals over the tests run. */
export interface LabRunTotals {
  passed: number;
  failed: number;
  points: number;
  pointsPossible: number;
  /** A test was stopped by Ctrl-C (it counts as neither passed nor failed). */
  interrupted?: boolean;
}

/**
 * Runs tests one after another, each in the test thread, printing each as `TEST P.N [RUN]
 * description (points) ... PASS (time)` (begun when the test starts); a failure is
 * followed by its reason, its seed and the exact command that replays it, and (with
 * --save-traces) the trace file. A test still running at its time limit fails as timed out.
 */
export async function runLabTests(
  lab: Lab,
  tests: readonly LabTest[],
  options: LabRunOptions,
  totals: LabRunTotals,
): Promise<void> {
  const writeLine = (line: string): void => void options.output.write(`${line}\n`);
  writeLine(
    chalk.bold(
      `Lab ${lab.id}: ${lab.title}${options.variant === undefined ? '' : ` (${options.variant})`}`,
    ),
  );
  const now = (): number => performance.now();
  const status = new TestStatusLine(options.output, now);
  for (const test of tests) {
    const kind = test.kind === 'run' ? chalk.cyan('[RUN]') : chalk.magenta('[SEARCH]');
    const limitS = options.timeouts ? (options.maxTimeS ?? testTimeLimitS(test)) : undefined;
    status.start(
      `TEST ${test.part}.${test.number} ${kind} ${test.description} (${test.points} pts)`,
    );
    const outcome = await options.thread.run(
      {
        lab: lab.id,
        part: test.part,
        number: test.number,
        seed: options.seed,
        variant: options.variant,
        saveTraces: options.saveTraces,
        checks: options.checks,
        tracesDirectory: options.tracesDirectory,
        wantTrace: options.onFailedTrace !== undefined,
        logLevel: options.logLevel,
        workers: options.workers ?? 1,
        ...(options.memoryLimitBytes === undefined
          ? {}
          : { memoryLimitBytes: options.memoryLimitBytes }),
      },
      limitS === undefined ? undefined : limitS * 1000,
      {
        line: (text) => status.line(text),
        progress: (description, progress) => status.progress(progressText(description, progress)),
      },
      options.signal,
    );
    if (outcome.kind === 'interrupted') {
      status.finish(`${chalk.yellow('INTERRUPTED')} (${(outcome.elapsedMs / 1000).toFixed(3)} s)`);
      writeLine(
        chalk.yellow(
          `    interrupted by Ctrl-C${status.lastProgress === undefined ? '' : `, ${status.lastProgress}`}`,
        ),
      );
      writeLine(
        `    seed ${options.seed}; replay: ${chalk.bold(replayCommandLine(lab, test, options.seed, options.variant))}`,
      );
      totals.interrupted = true;
      options.onReportEntry?.(reportEntry(lab, test, outcome, options));
      return;
    }
    const passed = outcome.kind === 'done' && outcome.result.passed;
    const elapsedMs = outcome.kind === 'done' ? outcome.result.elapsedMs : outcome.elapsedMs;
    status.finish(
      `${passed ? chalk.green('PASS') : chalk.red('FAIL')} (${(elapsedMs / 1000).toFixed(3)} s)`,
    );
    for (const line of outcomeDetails(lab, test, outcome, options, limitS)) writeLine(line);
    options.onReportEntry?.(reportEntry(lab, test, outcome, options));
    totals.pointsPossible += test.points;
    if (passed) {
      totals.passed++;
      totals.points += test.points;
    } else {
      totals.failed++;
    }
    if (outcome.kind === 'done' && outcome.result.traceText !== undefined)
      options.onFailedTrace?.(JSON.parse(outcome.result.traceText) as TraceWithSteps, (line) =>
        status.line(line),
      );
  }
}

/** The lines under a test's TEST line. A stopped test has no trace: it never ended. */
function outcomeDetails(
  lab: Lab,
  test: LabTest,
  outcome: TestThreadOutcome,
  options: LabRunOptions,
  limitS: number | undefined,
): readonly string[] {
  if (outcome.kind === 'done') return outcome.result.details;
  const reason =
    outcome.kind === 'timed out'
      ? `timed out: still running after ${limitS} s, the test's time limit (--max-time-s S sets another, --no-timeouts lifts it)`
      : outcome.kind === 'crashed'
        ? `the test's thread died: ${outcome.reason}`
        : 'interrupted by Ctrl-C';
  const lines = [
    chalk.red(`    ${reason}`),
    `    seed ${options.seed}; replay: ${chalk.bold(replayCommandLine(lab, test, options.seed, options.variant))}`,
  ];
  if (options.saveTraces)
    lines.push(chalk.dim('    no trace saved: the test was stopped before it ended'));
  return lines;
}

/** A test's entry in a --report file. */
function reportEntry(
  lab: Lab,
  test: LabTest,
  outcome: TestThreadOutcome,
  options: LabRunOptions,
): ReportEntry {
  const variant = options.variant === undefined ? '' : ` (${options.variant})`;
  const common = {
    name: `lab ${lab.id}${variant} test ${test.part}.${test.number}`,
    pointsPossible: test.points,
    replay: replayCommandLine(lab, test, options.seed, options.variant),
  };
  if (outcome.kind !== 'done')
    return {
      ...common,
      outcome: outcome.kind,
      elapsedMs: outcome.elapsedMs,
      points: 0,
      ...(outcome.kind === 'crashed' ? { reason: outcome.reason } : {}),
      ...(outcome.kind === 'timed out' ? { reason: 'still running at its time limit' } : {}),
    };
  const { result } = outcome;
  const reason = result.passed ? undefined : (result.reason ?? 'failed');
  return {
    ...common,
    outcome: result.passed ? 'passed' : 'failed',
    elapsedMs: result.elapsedMs,
    points: result.passed ? test.points : 0,
    ...(result.states === undefined ? {} : { states: result.states }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** A running search's live line (see progressFigures). */
function progressText(description: string, progress: SearchProgress): string {
  return `searching (${description}): ${progressFigures(progress)}`;
}
