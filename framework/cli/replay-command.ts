import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { performance } from 'node:perf_hooks';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { executeTest, type Lab, type LabTest, type TestExecution } from '../lab/lab-test.ts';
import { RecordedPathError } from '../lab/recorded-path-error.ts';
import type { SearchReport } from '../lab/search-report.ts';
import { findLab, type LabRegistry } from '../lab/lab-registry.ts';
import { describeEvent, type SimulationEvent } from '../sim/simulation-event.ts';
import {
  describeStoredEvent,
  storedEvent,
  storedEventText,
  type StoredEvent,
} from '../trace/stored-event.ts';
import type { Trace } from '../trace/trace-file.ts';
import { setupNodes } from '../trace/trace-setup.ts';
import { checkTraceSetup, readTraceFile } from './read-trace-file.ts';
import { eventPrinter, LOG_LEVELS, parseLogLevel, type LogLevel } from './event-printer.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage-error.ts';

interface ReplayArguments {
  files: string[];
  'log-level': string;
}

/**
 * `tslabs replay FILE...`: re-executes saved traces and says whether the code still behaves the
 * same.
 */
export const replayCommand = (registry: LabRegistry): CommandModule<object, ReplayArguments> => ({
  command: 'replay <files..>',
  describe: 'Re-execute saved traces (files, or folders of them) and compare them event by event',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'Traces saved by --save-traces, or folders of them (every .json file inside)',
      })
      // Checked by parseLogLevel rather than yargs' choices, whose error is several lines.
      .option('log-level', {
        type: 'string',
        default: 'off',
        describe: `Show events as they are replayed (${LOG_LEVELS.join(', ')})`,
      }),
  handler: (argv: ArgumentsCamelCase<ReplayArguments>) => {
    const logLevel = parseLogLevel(argv.logLevel);
    // Every file is read and checked before any is replayed, so that a bad one is a usage error,
    // not a half-done run.
    const replays = traceFiles(argv.files).map((file) => loadReplay(registry.labs, file));
    const write = (line: string): void => console.log(line);
    let failed = 0;
    for (const replay of replays) if (!replayTrace(replay, logLevel, write)) failed++;
    if (replays.length > 1) write(`${replays.length - failed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? EXIT_OK : EXIT_FAILED;
  },
});

/** A trace ready to replay: its file, its contents, and the test it is of. */
interface Replay {
  readonly file: string;
  readonly trace: Trace;
  readonly lab: Lab;
  readonly test: LabTest;
}

/** The trace files named: each file as given, each folder's .json files in name order. */
function traceFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!isDirectory(path)) {
      files.push(path);
      continue;
    }
    const inside = readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort();
    if (inside.length === 0) throw new UsageError(`${path}: a folder with no .json trace files`);
    files.push(...inside.map((name) => join(path, name)));
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // A missing path is reported by readTraceFile, naming the file.
    return false;
  }
}

/**
 * Reads a trace and finds its lab and test; anything that does not fit is a usage error naming the
 * file.
 */
function loadReplay(labs: readonly Lab[], file: string): Replay {
  const { trace } = readTraceFile(file);
  const lab = findLab(labs, trace.lab);
  if (lab === undefined)
    throw new UsageError(
      `${file}: the trace is from lab ${JSON.stringify(trace.lab)}, which this tslabs does not have`,
    );
  if (trace.variant !== undefined && !(lab.variants ?? []).includes(trace.variant)) {
    throw new UsageError(`${file}: lab ${lab.id} has no variant ${JSON.stringify(trace.variant)}`);
  }
  const test = lab.tests.find(
    (candidate) => candidate.part === trace.part && candidate.number === trace.test,
  );
  if (test === undefined)
    throw new UsageError(`${file}: lab ${lab.id} has no test ${trace.part}.${trace.test}`);
  if (test.kind !== trace.kind)
    throw new UsageError(
      `${file}: test ${trace.part}.${trace.test} of lab ${lab.id} is a ${test.kind} test, the trace is a ${trace.kind} trace`,
    );
  if (trace.kind === 'search') recordedSearches(file, trace);
  checkTraceSetup(file, trace, { lab, test, variant: trace.variant });
  return { file, trace, lab, test };
}

/** Replays one trace and reports it; true when the test passes now. */
function replayTrace(
  { file, trace, lab, test }: Replay,
  logLevel: LogLevel,
  write: (line: string) => void,
): boolean {
  write(
    chalk.bold(
      `Replaying lab ${lab.id} test ${test.part}.${test.number}: ${test.description} (seed ${trace.seed})`,
    ),
  );
  const replaySearches = trace.kind === 'search' ? recordedSearches(file, trace) : undefined;
  let execution: TestExecution;
  try {
    execution = executeTest(test, {
      seed: trace.seed,
      variant: trace.variant,
      recordEvents: true,
      onEvent: eventPrinter(logLevel, write),
      now: () => performance.now(),
      ...(replaySearches === undefined ? {} : { replaySearches, onReplayStep: write }),
    });
  } catch (error) {
    if (error instanceof RecordedPathError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  for (const search of execution.searches) {
    const finding =
      search.predicate === undefined
        ? ''
        : ` (${search.predicate}${search.detail === undefined ? '' : `: ${search.detail}`})`;
    write(
      chalk.dim(`  ${search.strategy} search, ${search.description}: ${search.outcome}${finding}`),
    );
  }
  if (trace.kind === 'run') {
    // Nodes the test no longer creates are not the code diverging: the trace is of another setup.
    const nodes = setupNodes(execution.nodes, execution.events);
    if (JSON.stringify(nodes) !== JSON.stringify(trace.setup.nodes))
      throw new UsageError(
        `${file}: the trace's nodes (${describeNodes(trace.setup.nodes)}) are not those of lab ${lab.id} test ${test.part}.${test.number} (${describeNodes(nodes)})`,
      );
    reportRunReplay(trace, execution, write);
  } else reportSearchReplay(replaySearches ?? [], execution.searches, write);
  if (execution.passed) write(chalk.green('PASS'));
  else write(chalk.red(`FAIL: ${(execution.failure ?? '').split('\n')[0] ?? ''}`));
  return execution.passed;
}

function reportRunReplay(
  trace: Trace,
  execution: TestExecution,
  write: (line: string) => void,
): void {
  const divergence = firstDivergence(trace.events, execution.events);
  const eventCount = trace.events.reduce((sum, events) => sum + events.length, 0);
  if (divergence === undefined)
    write(`the replay matches the trace: ${eventCount} events, the same order`);
  else
    write(
      chalk.yellow(
        `the code now diverges from the trace at event ${divergence.index + 1} of simulation ${divergence.simulation + 1}:\n    trace: ${divergence.expected}\n    now:   ${divergence.actual}`,
      ),
    );
  const sameOutcome =
    execution.passed === trace.outcome.passed && execution.failure === trace.outcome.failure;
  write(
    sameOutcome
      ? 'the outcome is the same as recorded'
      : `the outcome differs from the recorded one (${trace.outcome.passed ? 'PASS' : `FAIL: ${trace.outcome.failure ?? ''}`})`,
  );
}

/**
 * Compares each replayed phase's finding (outcome, predicate, explanation) with the recorded one.
 */
function reportSearchReplay(
  recorded: readonly SearchReport[],
  replayed: readonly SearchReport[],
  write: (line: string) => void,
): void {
  const finding = (search: SearchReport | undefined): string =>
    search === undefined
      ? 'no search'
      : `${search.outcome} ${search.predicate ?? ''} ${search.detail ?? ''}`;
  const same =
    recorded.length === replayed.length &&
    recorded.every(
      (search, index) => search.path.length === 0 || finding(search) === finding(replayed[index]),
    );
  write(
    same
      ? 'the replay reproduces the recorded findings'
      : chalk.yellow(
          'the replay does not reproduce the recorded findings: the code now behaves differently',
        ),
  );
}

/** The search phases a search trace recorded, checked for the fields replay needs. */
function recordedSearches(file: string, trace: Trace): SearchReport[] {
  const searches = trace.search;
  const valid =
    Array.isArray(searches) &&
    searches.every(
      (search: unknown) =>
        typeof search === 'object' &&
        search !== null &&
        isTextList((search as SearchReport).path) &&
        ['pathKeys', 'nodes'].every(
          (field) => !(field in search) || isTextList((search as Record<string, unknown>)[field]),
        ),
    );
  if (!valid)
    throw new UsageError(
      `${file}: a search trace needs a "search" list of phases, each with a "path" of event descriptions (and its "pathKeys" and "nodes", if any, lists of text)`,
    );
  return searches as SearchReport[];
}

function isTextList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

interface Divergence {
  simulation: number;
  index: number;
  expected: string;
  actual: string;
}

function describeNodes(nodes: readonly (readonly string[])[]): string {
  return nodes.map((list) => list.join(' ')).join('; ');
}

function firstDivergence(
  recorded: readonly (readonly StoredEvent[])[],
  replayed: readonly (readonly SimulationEvent[])[],
): Divergence | undefined {
  const simulations = Math.max(recorded.length, replayed.length);
  for (let simulation = 0; simulation < simulations; simulation++) {
    const expected = recorded[simulation] ?? [];
    const actual = replayed[simulation] ?? [];
    const length = Math.max(expected.length, actual.length);
    for (let index = 0; index < length; index++) {
      const expectedEvent = expected[index];
      const actualEvent = actual[index];
      if (
        expectedEvent !== undefined &&
        actualEvent !== undefined &&
        storedEventText(expectedEvent) === storedEventText(storedEvent(actualEvent))
      )
        continue;
      return {
        simulation,
        index,
        expected:
          expectedEvent === undefined
            ? '(the trace ends here)'
            : describeStoredEvent(expectedEvent),
        actual: actualEvent === undefined ? '(the run ends here)' : describeEvent(actualEvent),
      };
    }
  }
  return undefined;
}
