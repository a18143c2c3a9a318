import chalk from 'chalk';
import { writeFileSync } from 'node:fs';
import { fileChunks, fileLines, isNodeError, LineTooLongError } from './file-lines.ts';
import { performance } from 'node:perf_hooks';
import { historyFormat, oneOf, positiveTimeoutMs, writePage } from './history-options.ts';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { checkLinearizability, type CheckResult } from '../check/linearizability.ts';
import { formatPartitionExplanation } from '../check/explanation-text.ts';
import {
  HISTORY_FORMATS,
  loadHistory,
  SPEC_NAMES,
  type HistoryFormat,
  type LoadedHistory,
  type SpecName,
} from '../check/history-file.ts';
import { HistoryFormatError } from '../check/history-format-error.ts';
import type { MissingKeyModel } from '../check/kv-spec.ts';
import { lincheckHtml } from '../check/lincheck-html.ts';
import { InvalidHistoryError } from '../check/operation.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage-error.ts';

/** Exit code of `tslabs lincheck` when the budget ran out before a verdict. */
export const EXIT_UNKNOWN = 3;

const TIMEOUT_MS_DEFAULT = 60_000;
const MISSING_KEY_MODELS: readonly MissingKeyModel[] = ['empty', 'not-found'];

interface LincheckArguments {
  file: string;
  spec: string;
  format?: string;
  'timeout-ms': number;
  'all-partitions': boolean;
  'missing-key'?: string;
  'result-json'?: string;
  html?: string;
}

/**
 * `tslabs lincheck FILE --spec kv|register|txn-kv`: checks a recorded history for
 * linearizability. The last line is the verdict; the exit code is 0 (linearizable),
 * 1 (not linearizable) or 3 (unknown: the time ran out); bad input exits 2.
 */
export const lincheckCommand: CommandModule<object, LincheckArguments> = {
  command: 'lincheck <file>',
  describe: 'Check a recorded history (edn or JSON) for linearizability',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe:
          'The history: .edn/.txt (Jepsen/Porcupine edn) or .json (docs/lincheck-json-format.md)',
      })
      // Choices are checked in the handler, so that a wrong one gets a one-line message.
      .option('spec', {
        type: 'string',
        demandOption: true,
        describe: `The sequential specification: ${SPEC_NAMES.join(', ')}`,
      })
      .option('format', {
        type: 'string',
        describe: `The file format: ${HISTORY_FORMATS.join(' or ')} (default: from the file extension)`,
      })
      .option('timeout-ms', {
        type: 'number',
        default: TIMEOUT_MS_DEFAULT,
        describe: 'Give up with "unknown" after this long',
      })
      .option('all-partitions', {
        type: 'boolean',
        default: false,
        describe: 'Decide every partition instead of stopping at the first violation',
      })
      .option('missing-key', {
        type: 'string',
        describe: 'How a missing key reads (default: empty for edn, not-found for JSON)',
      })
      .option('result-json', {
        type: 'string',
        describe:
          'Also write the full result (verdict, partitions, explanation) as JSON to this file',
      })
      .option('html', {
        type: 'string',
        describe:
          'Write a self-contained page here: per-process timelines, the linearization (or where it fails) highlighted',
      }),
  handler: (argv: ArgumentsCamelCase<LincheckArguments>) => {
    const timeoutMs = positiveTimeoutMs(argv.timeoutMs);
    const specName = oneOf('--spec', argv.spec, SPEC_NAMES);
    const format = historyFormat(argv.file, argv.format);
    const missingKey =
      argv.missingKey === undefined
        ? undefined
        : oneOf('--missing-key', argv.missingKey, MISSING_KEY_MODELS);
    const { history, spec } = readHistory(argv.file, format, specName, missingKey);
    const start = performance.now();
    const result = checkLinearizability(history, spec, {
      timeMs: timeoutMs,
      now: () => performance.now(),
      checkAllPartitions: argv.allPartitions,
    });
    const elapsedMs = performance.now() - start;
    if (argv.resultJson !== undefined) writeResult(argv.resultJson, result);
    if (argv.html !== undefined)
      writePage(argv.html, lincheckHtml(history, spec, result, argv.file));
    report(argv.file, result, elapsedMs, timeoutMs);
    process.exitCode =
      result.verdict === 'linearizable'
        ? EXIT_OK
        : result.verdict === 'not linearizable'
          ? EXIT_FAILED
          : EXIT_UNKNOWN;
  },
};

function readHistory(
  file: string,
  format: HistoryFormat,
  specName: SpecName,
  missingKey: MissingKeyModel | undefined,
): LoadedHistory {
  const cannotRead = (error: unknown): UsageError =>
    new UsageError(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  let text: string | Iterable<string>;
  try {
    text = format === 'edn' ? fileLines(file) : fileChunks(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw cannotRead(error);
  }
  try {
    return loadHistory(text, format, specName, missingKey === undefined ? {} : { missingKey });
  } catch (error) {
    if (error instanceof HistoryFormatError)
      throw new UsageError(
        `${file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}: ${error.reason}`,
      );
    if (error instanceof InvalidHistoryError) throw new UsageError(`${file}: ${error.message}`);
    if (error instanceof LineTooLongError)
      throw new UsageError(`${file}:${error.line}: the history is too large: ${error.message}`);
    if (isNodeError(error)) throw cannotRead(error);
    throw error;
  }
}

function writeResult(file: string, result: CheckResult): void {
  try {
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(
      `${file}: cannot write the result (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

function report(file: string, result: CheckResult, elapsedMs: number, timeoutMs: number): void {
  const decided = result.partitions.filter(
    (partition) => partition.verdict === 'linearizable' || partition.verdict === 'not linearizable',
  ).length;
  const verdictColor =
    result.verdict === 'linearizable'
      ? chalk.green
      : result.verdict === 'not linearizable'
        ? chalk.red
        : chalk.yellow;
  console.log(`${chalk.bold(file)}: ${verdictColor(result.verdict)}`);
  console.log(
    chalk.dim(
      `${result.operations} operations, ${result.partitions.length} partitions (${decided} decided), ${result.steps} search steps, ${elapsedMs.toFixed(1)} ms`,
    ),
  );
  for (const partition of result.explanation?.partitions ?? []) {
    console.log('');
    for (const line of formatPartitionExplanation(partition).split('\n'))
      console.log(colorExplanationLine(line));
  }
  if (result.verdict === 'unknown') {
    const undecided = result.partitions
      .filter((partition) => partition.verdict === 'unknown')
      .map((partition) => partition.label);
    console.log(
      chalk.yellow(
        `The budget of ${timeoutMs} ms ran out before ${undecided.join(', ')} could be decided (raise --timeout-ms).`,
      ),
    );
  }
  // The verdict alone, uncolored, is the last line: scripts read it.
  console.log(result.verdict);
}

function colorExplanationLine(line: string): string {
  if (line.startsWith('  - ')) return chalk.red(line);
  if (line.startsWith('  ')) return line;
  return chalk.bold(line);
}
