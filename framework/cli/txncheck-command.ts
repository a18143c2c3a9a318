import chalk from 'chalk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileChunks, fileLines, isNodeError, LineTooLongError } from './file-lines.ts';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { historyFormat, oneOf, positiveTimeoutMs, writePage } from './history-options.ts';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { HISTORY_FORMATS, type HistoryFormat } from '../check/history-file.ts';
import { HistoryFormatError } from '../check/history-format-error.ts';
import { checkTransactions, type TxnCheckResult } from '../check/txn/check-transactions.ts';
import { CONSISTENCY_MODELS, DEFAULT_MODEL } from '../check/txn/consistency-models.ts';
import { cycleToDot } from '../check/txn/cycle-dot.ts';
import { formatAnomalyExample, formatTxnCheckResult } from '../check/txn/result-text.ts';
import { InvalidTxnHistoryError, type TxnEvent } from '../check/txn/transaction.ts';
import { txnEventsFromEdn } from '../check/txn/txn-history-edn.ts';
import { txnCheckHtml } from '../check/txn/txn-html.ts';
import { txnEventsFromJson } from '../check/txn/txn-history-json.ts';
import { TXN_WORKLOADS } from '../check/txn/workload-analysis.ts';
import { EXIT_UNKNOWN } from './lincheck-command.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage-error.ts';

const TIMEOUT_MS_DEFAULT = 60_000;

interface TxncheckArguments {
  file: string;
  workload: string;
  model: string;
  format?: string;
  'timeout-ms': number;
  out?: string;
  html?: string;
}

/**
 * `tslabs txncheck FILE --workload list-append|rw-register`: checks a transactional history
 * for the anomalies of Elle's taxonomy against a consistency model. The last line is the
 * verdict; the exit code is 0 (valid), 1 (anomalies the model forbids), 3 (unknown: the time
 * ran out); bad input exits 2 with one line and writes nothing.
 */
export const txncheckCommand: CommandModule<object, TxncheckArguments> = {
  command: 'txncheck <file>',
  describe: 'Check a transactional history (edn or JSON) for anomalies, as Jepsen Elle does',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe:
          'The history: .edn (Jepsen) or .json (docs/txncheck-json-format.md), events in real-time order',
      })
      // Choices are checked in the handler, so that a wrong one gets a one-line message.
      .option('workload', {
        type: 'string',
        demandOption: true,
        describe: `The workload: ${TXN_WORKLOADS.join(' or ')}`,
      })
      .option('model', {
        type: 'string',
        default: DEFAULT_MODEL,
        describe: `The consistency model: ${CONSISTENCY_MODELS.join(', ')}`,
      })
      .option('format', {
        type: 'string',
        describe: `The file format: ${HISTORY_FORMATS.join(' or ')} (default: from the file extension)`,
      })
      .option('timeout-ms', {
        type: 'number',
        default: TIMEOUT_MS_DEFAULT,
        describe: 'Give up the cycle search with "unknown" after this long',
      })
      .option('out', {
        type: 'string',
        describe:
          'Write one explanation per anomaly (.txt) and one Graphviz file per cycle (.dot) here',
      })
      .option('html', {
        type: 'string',
        describe:
          'Write a self-contained page here: per-process timelines, the anomaly highlighted',
      }),
  handler: (argv: ArgumentsCamelCase<TxncheckArguments>) => {
    const timeoutMs = positiveTimeoutMs(argv.timeoutMs);
    const workload = oneOf('--workload', argv.workload, TXN_WORKLOADS);
    const model = oneOf('--model', argv.model, CONSISTENCY_MODELS);
    const format = historyFormat(argv.file, argv.format);
    const events = readEvents(argv.file, format);
    const start = performance.now();
    let result: TxnCheckResult;
    try {
      result = checkTransactions(events, {
        workload,
        model,
        timeMs: timeoutMs,
        now: () => performance.now(),
      });
    } catch (error) {
      throw asUsageError(argv.file, error);
    }
    const elapsedMs = performance.now() - start;
    if (argv.out !== undefined) writeExplanations(argv.out, result);
    if (argv.html !== undefined) writePage(argv.html, txnCheckHtml(events, result, argv.file));
    report(argv.file, result, elapsedMs, timeoutMs);
    process.exitCode =
      result.verdict === 'valid'
        ? EXIT_OK
        : result.verdict === 'invalid'
          ? EXIT_FAILED
          : EXIT_UNKNOWN;
  },
};

function readEvents(file: string, format: HistoryFormat): TxnEvent[] {
  // Read a piece at a time (lines for edn, chunks for JSON): memory follows the events.
  let text: Iterable<string>;
  try {
    text = format === 'json' ? fileChunks(file) : fileLines(file);
  } catch (error) {
    throw new UsageError(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  try {
    return format === 'json' ? txnEventsFromJson(text) : txnEventsFromEdn(text);
  } catch (error) {
    if (isNodeError(error))
      throw new UsageError(`${file}: cannot read the file (${error.code ?? String(error)})`);
    throw asUsageError(file, error);
  }
}

/** A history the checker cannot read, as one line naming the file and the line. */
function asUsageError(file: string, error: unknown): unknown {
  if (error instanceof HistoryFormatError)
    return new UsageError(
      `${file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}: ${error.reason}`,
    );
  if (error instanceof LineTooLongError)
    return new UsageError(`${file}:${error.line}: the history is too large: ${error.message}`);
  if (error instanceof InvalidTxnHistoryError)
    return new UsageError(
      `${file}${error.line === undefined ? '' : `:${error.line}`}: ${error.reason}`,
    );
  return error;
}

function writeExplanations(directory: string, result: TxnCheckResult): void {
  try {
    mkdirSync(directory, { recursive: true });
    for (const anomaly of result.anomalies)
      anomaly.examples.forEach((example, index) => {
        const name = `${anomaly.type}-${index + 1}`;
        const text = [`${anomaly.type}`, ...formatAnomalyExample(example)].join('\n');
        writeFileSync(join(directory, `${name}.txt`), `${text}\n`);
        if (example.cycle !== undefined)
          writeFileSync(join(directory, `${name}.dot`), cycleToDot(name, example));
      });
  } catch (error) {
    throw new UsageError(
      `${directory}: cannot write the explanations (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

function report(file: string, result: TxnCheckResult, elapsedMs: number, timeoutMs: number): void {
  const verdictColor =
    result.verdict === 'valid'
      ? chalk.green
      : result.verdict === 'invalid'
        ? chalk.red
        : chalk.yellow;
  console.log(`${chalk.bold(file)}: ${verdictColor(result.verdict)} (${result.model})`);
  console.log(
    chalk.dim(
      `${result.transactions} transactions, ${result.edges} dependency edges, ${result.steps} search steps, ${elapsedMs.toFixed(1)} ms`,
    ),
  );
  for (const line of formatTxnCheckResult(result))
    console.log(line.startsWith(' ') ? line : chalk.bold(line));
  if (result.verdict === 'unknown')
    console.log(
      chalk.yellow(
        `The budget of ${timeoutMs} ms ran out before the search could finish (raise --timeout-ms).`,
      ),
    );
  // The verdict alone, uncolored, is the last line: scripts read it.
  console.log(result.verdict);
}
