import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { findLab, labList, type LabRegistry } from '../lab/lab-registry.ts';
import type { Lab, LabTest } from '../lab/lab-test.ts';
import { parseWorkers, REPORT_OPTION, SHARD_OPTION, WORKERS_OPTION } from './parallel-options.ts';
import { runReport, writeRunReport, type ReportEntry } from './run-report.ts';
import { parseShard, shareOf, type Shard } from './shard.ts';
import { performance } from 'node:perf_hooks';
import { LOG_LEVELS, parseLogLevel } from './event-printer.ts';
import { runLabTests, type LabRunTotals } from './lab-runner.ts';
import { defaultMemoryLimitBytes, parseMemoryLimit } from './memory-limit.ts';
import { parseSeed } from './seed.ts';
import { selectTests } from './test-selection.ts';
import { TestThread } from './test-thread.ts';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './usage-error.ts';
import type { TraceWithSteps } from '../trace/trace-steps.ts';
import { visualizeFailure } from './viz-failure.ts';

interface TestArguments {
  lab?: string;
  all: boolean;
  part?: string;
  test: string[];
  run: boolean;
  search: boolean;
  seed: string;
  variant?: string;
  'log-level': string;
  'save-traces': boolean;
  checks: boolean;
  'traces-dir': string;
  viz: boolean;
  open: boolean;
  'max-time-s'?: number;
  timeouts: boolean;
  'max-memory'?: string;
  shard?: string;
  report?: string;
  workers: string;
}

/**
 * `tslabs test`: runs a lab's numbered tests, or every lab's with --all. The test thread loads
 * the same registry this command chooses tests from.
 */
export const testCommand = (registry: LabRegistry): CommandModule<object, TestArguments> => ({
  command: 'test',
  describe: "Run a lab's tests (or every lab's with --all)",
  builder: (yargs: Argv) =>
    yargs
      .option('lab', {
        alias: 'l',
        type: 'string',
        describe: 'Lab number or name (see `tslabs list`)',
      })
      .option('all', {
        type: 'boolean',
        default: false,
        describe: 'Run every lab (every variant) on its reference solution',
      })
      .option('part', {
        alias: 'p',
        type: 'string',
        describe: 'Only this part of the lab (a number)',
      })
      .option('test', {
        alias: 'n',
        type: 'string',
        array: true,
        default: [],
        describe: 'Test numbers: N or PART.N, comma-separated',
      })
      .option('run', {
        type: 'boolean',
        default: true,
        describe: 'Run the [RUN] tests (--no-run skips them)',
      })
      .option('search', {
        type: 'boolean',
        default: true,
        describe: 'Run the [SEARCH] tests (--no-search skips them)',
      })
      .option('seed', {
        type: 'string',
        default: '1',
        describe: 'Seed of every random choice (a number, or "random")',
      })
      .option('variant', {
        type: 'string',
        describe: 'Variant of the lab, for labs that have several',
      })
      // Checked by parseLogLevel rather than yargs' choices, whose error is several lines.
      .option('log-level', {
        type: 'string',
        default: 'off',
        describe: `Show events (${LOG_LEVELS.join(', ')}): info = deliveries, timers, drops; all = also sends`,
      })
      .option('checks', {
        type: 'boolean',
        default: false,
        describe:
          'In searches, check that handlers are deterministic and idempotent and encodings stable',
      })
      .option('save-traces', {
        type: 'boolean',
        default: false,
        describe: 'Save a trace file for each failing test',
      })
      .option('max-memory', {
        type: 'string',
        describe:
          'A search that uses more memory ends as "memory exhausted" (e.g. 512M, 2G; default: from the machine)',
      })
      .option('traces-dir', {
        type: 'string',
        default: 'traces',
        describe: 'Where --save-traces writes',
      })
      .option('viz', {
        type: 'boolean',
        default: false,
        describe:
          "Open the first failing test in the visualizer (explore mode when a search's goal was not reached)",
      })
      .option('open', {
        type: 'boolean',
        default: true,
        describe: 'With --viz: launch a browser (--no-open only prints the URL)',
      })
      .option('max-time-s', {
        type: 'number',
        describe:
          "Every test's time limit in seconds, in place of its own (60 s for a run test, 180 s for a search test unless it sets its own)",
      })
      .option('timeouts', {
        type: 'boolean',
        default: true,
        describe:
          'Fail a test still running at its time limit (--no-timeouts lets tests run as long as they take)',
      })
      .option(...SHARD_OPTION)
      .option(...REPORT_OPTION)
      .option(...WORKERS_OPTION),
  handler: async (argv: ArgumentsCamelCase<TestArguments>) => {
    const chosen = chooseLabs(registry.labs, argv);
    const seed = parseSeed(argv.seed);
    const maxTimeS = parseMaxTime(argv.maxTimeS);
    const logLevel = parseLogLevel(argv.logLevel);
    const part = parsePart(argv.part);
    const memoryLimitBytes =
      argv.maxMemory === undefined ? defaultMemoryLimitBytes() : parseMemoryLimit(argv.maxMemory);
    const testSpecs = argv.test
      .flatMap((spec) => spec.split(','))
      .filter((spec) => spec.trim().length > 0);
    if (chosen.length > 1 && (part !== undefined || testSpecs.length > 0))
      throw new UsageError('--part and --test need a single --lab');
    const write = (line: string): void => console.log(line);
    const totals: LabRunTotals = { passed: 0, failed: 0, points: 0, pointsPossible: 0 };
    // --viz opens the first failure as soon as it happens: the tests run on in their thread
    // while this one serves the page.
    let visualizing: Promise<void> | undefined;
    const onFailedTrace = argv.viz
      ? (trace: TraceWithSteps, writeLine: (line: string) => void): void => {
          if (visualizing !== undefined) return;
          visualizing = visualizeFailure(trace, {
            labsModule: registry.moduleUrl,
            open: argv.open,
            write: writeLine,
          });
          // Awaited once the tests are done; until then a failure to serve must not count as
          // unhandled.
          visualizing.catch(() => undefined);
        }
      : undefined;
    const shard = parseShard(argv.shard);
    const workers = parseWorkers(argv.workers);
    const runs = chosen.flatMap((lab) =>
      chooseVariants(lab, argv.variant, argv.all).map((variant) => ({ lab, variant })),
    );
    // Choose every test before running any, so that a usage error comes before any output.
    const unsharded = runs.map(({ lab, variant }) => {
      const tests = selectTests(lab, part, testSpecs).filter((test) =>
        test.kind === 'run' ? argv.run : argv.search,
      );
      if (tests.length === 0)
        throw new UsageError(`no tests of lab ${lab.id} left to run with these options`);
      return { lab, variant, tests };
    });
    const selected = shardRuns(unsharded, shard);
    const reportEntries: ReportEntry[] = [];
    const thread = new TestThread({ labsModule: registry.moduleUrl, colorLevel: chalk.level }, () =>
      performance.now(),
    );
    // Ctrl-C stops the running test (its thread is terminated), prints what it had done, and ends
    // with 130.
    const interrupt = new AbortController();
    const onInterrupt = (): void => interrupt.abort();
    process.once('SIGINT', onInterrupt);
    try {
      for (const { lab, variant, tests } of selected) {
        if (totals.interrupted === true) break;
        await runLabTests(
          lab,
          tests,
          {
            seed,
            variant,
            saveTraces: argv.saveTraces,
            checks: argv.checks,
            tracesDirectory: argv.tracesDir,
            logLevel,
            memoryLimitBytes,
            ...(maxTimeS === undefined ? {} : { maxTimeS }),
            timeouts: argv.timeouts,
            thread,
            output: process.stdout,
            ...(onFailedTrace === undefined ? {} : { onFailedTrace }),
            signal: interrupt.signal,
            workers,
            onReportEntry: (entry) => reportEntries.push(entry),
          },
          totals,
        );
      }
    } finally {
      process.off('SIGINT', onInterrupt);
      await thread.close();
    }
    if (argv.report !== undefined)
      writeRunReport(argv.report, runReport('test', shard, reportEntries));
    if (shard !== undefined)
      write(
        `shard ${shard.index}/${shard.count}: ${reportEntries.length} of ${countTests(unsharded)} tests`,
      );
    write(chalk.bold(`Points: ${totals.points}/${totals.pointsPossible}`));
    write(
      `${totals.passed} passed, ${totals.failed} failed${totals.interrupted === true ? ', interrupted' : ''}`,
    );
    if (totals.interrupted === true) {
      process.exitCode = EXIT_INTERRUPTED;
      return;
    }
    process.exitCode = totals.failed === 0 ? EXIT_OK : EXIT_FAILED;
    if (argv.viz)
      await (visualizing ??
        visualizeFailure(undefined, { labsModule: registry.moduleUrl, open: argv.open, write }));
  },
});

/** The tests of one shard, still grouped by lab and variant (groups left empty are dropped). */
function shardRuns<Run extends { readonly tests: readonly LabTest[] }>(
  runs: readonly Run[],
  shard: Shard | undefined,
): Run[] {
  if (shard === undefined) return [...runs];
  const kept = new Set(
    shareOf(
      runs.flatMap((run) => run.tests.map((test) => ({ run, test }))),
      shard,
    ).map(({ run, test }) => `${runs.indexOf(run)} ${test.part}.${test.number}`),
  );
  return runs
    .map((run, position) => ({
      ...run,
      tests: run.tests.filter((test) => kept.has(`${position} ${test.part}.${test.number}`)),
    }))
    .filter((run) => run.tests.length > 0);
}

function countTests(runs: readonly { readonly tests: readonly LabTest[] }[]): number {
  return runs.reduce((sum, run) => sum + run.tests.length, 0);
}

/** Parses `--part`: a whole number (yargs would make "abc" NaN, and then "no part NaN"). */
function parsePart(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw new UsageError('give --part once, with one part number');
  if (!/^\d+$/.test(text.trim()))
    throw new UsageError(
      `invalid --part ${JSON.stringify(text)}: give a part number, e.g. --part 2`,
    );
  return Number(text);
}

/** Parses `--max-time-s`: a positive number of seconds. */
function parseMaxTime(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isFinite(value) && value > 0))
    throw new UsageError(
      'invalid --max-time-s: give a positive number of seconds (or --no-timeouts for none)',
    );
  return value;
}

function chooseLabs(labs: readonly Lab[], argv: TestArguments): readonly Lab[] {
  if (argv.all) {
    if (argv.lab !== undefined) throw new UsageError('give either --lab or --all, not both');
    return labs;
  }
  if (argv.lab === undefined)
    throw new UsageError('which lab? give --lab L (see `tslabs list`) or --all');
  const lab = findLab(labs, argv.lab);
  if (lab === undefined)
    throw new UsageError(`unknown lab ${JSON.stringify(argv.lab)}; labs: ${labList(labs)}`);
  return [lab];
}

/** The variants to run: the one asked for, every one with --all, else the lab's default. */
function chooseVariants(
  lab: Lab,
  requested: string | undefined,
  all: boolean,
): readonly (string | undefined)[] {
  if (requested === undefined) return all ? (lab.variants ?? [undefined]) : [lab.defaultVariant];
  if (lab.variants === undefined || !lab.variants.includes(requested)) {
    throw new UsageError(
      `lab ${lab.id} has no variant ${JSON.stringify(requested)}${lab.variants === undefined ? '' : ` (variants: ${lab.variants.join(', ')})`}`,
    );
  }
  return [requested];
}
