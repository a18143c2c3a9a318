import chalk from 'chalk';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readRunReport, runReport, writeRunReport, type RunReport } from './run-report.ts';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './usage-error.ts';

interface MergeArguments {
  files: string[];
  report?: string;
}

/**
 * `tslabs merge-reports FILE...`: one summary of the reports of a run's shards (`--report`
 * of each machine), with the exit code one machine running everything would have had: 0 all
 * passed, 1 something failed, 130 a shard was interrupted; 2 for reports that do not make one
 * run (unreadable, of different commands, a shard missing or given twice, a test in two).
 */
export const mergeReportsCommand: CommandModule<object, MergeArguments> = {
  command: 'merge-reports <files..>',
  describe: 'Combine the --report files of a sharded run into one summary',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true })
      .option('report', {
        type: 'string',
        describe: 'Also write the merged report to this file',
      }),
  handler: (argv: ArgumentsCamelCase<MergeArguments>) => {
    const reports = argv.files.map((file) => ({ file, report: readRunReport(file) }));
    const merged = mergeReports(reports);
    const write = (line: string): void => console.log(line);
    let passed = 0;
    let points = 0;
    let pointsPossible = 0;
    const interrupted = merged.entries.some((entry) => entry.outcome === 'interrupted');
    for (const entry of merged.entries) {
      points += entry.outcome === 'passed' ? (entry.points ?? 0) : 0;
      pointsPossible += entry.pointsPossible ?? 0;
      if (entry.outcome === 'passed') {
        passed++;
        continue;
      }
      const colour = entry.outcome === 'interrupted' ? chalk.yellow : chalk.red;
      write(
        colour(
          `${entry.outcome.toUpperCase()} ${entry.name}${entry.reason === undefined ? '' : `: ${entry.reason}`}`,
        ),
      );
      write(`    replay: ${chalk.bold(entry.replay)}`);
    }
    const failed = merged.entries.length - passed;
    if (merged.command === 'test') write(chalk.bold(`Points: ${points}/${pointsPossible}`));
    write(
      `${passed} passed, ${failed} failed${interrupted ? ', interrupted' : ''} (${reports.length} report${reports.length === 1 ? '' : 's'} merged)`,
    );
    if (argv.report !== undefined) writeRunReport(argv.report, merged);
    process.exitCode = interrupted ? EXIT_INTERRUPTED : failed === 0 ? EXIT_OK : EXIT_FAILED;
  },
};

/**
 * The one report of a run from its shards' reports, entries in shard order. Reports of shards
 * must be of one command and one shard count, each shard once and every shard there: a summary
 * that silently left a machine out would pass a run that did not happen.
 */
export function mergeReports(reports: readonly { file: string; report: RunReport }[]): RunReport {
  const first = reports[0];
  if (first === undefined) throw new UsageError('merge-reports: give at least one report file');
  for (const { file, report } of reports)
    if (report.command !== first.report.command)
      throw new UsageError(
        `${file} is a report of tslabs ${report.command}, ${first.file} of tslabs ${first.report.command}`,
      );
  const sharded = reports.filter(({ report }) => report.shard !== undefined);
  if (sharded.length > 0) {
    if (sharded.length !== reports.length)
      throw new UsageError(
        'merge-reports: give the reports of shards only, or of one unsharded run',
      );
    const count = first.report.shard?.count ?? 0;
    const seen = new Map<number, string>();
    for (const { file, report } of reports) {
      const shard = report.shard!;
      if (shard.count !== count)
        throw new UsageError(
          `${file} is of shard ${shard.index}/${shard.count}, ${first.file} of a run in ${count} shards`,
        );
      const earlier = seen.get(shard.index);
      if (earlier !== undefined)
        throw new UsageError(`${earlier} and ${file} are both of shard ${shard.index}/${count}`);
      seen.set(shard.index, file);
    }
    const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
      (index) => !seen.has(index),
    );
    if (missing.length > 0)
      throw new UsageError(
        `the reports lack shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')}`,
      );
  } else if (reports.length > 1) {
    throw new UsageError(
      'merge-reports: several reports of unsharded runs do not make one run (use --shard i/N)',
    );
  }
  const ordered = [...reports].sort(
    (a, b) => (a.report.shard?.index ?? 0) - (b.report.shard?.index ?? 0),
  );
  const names = new Map<string, string>();
  for (const { file, report } of ordered)
    for (const entry of report.entries) {
      const earlier = names.get(entry.name);
      if (earlier !== undefined)
        throw new UsageError(`${entry.name} is in both ${earlier} and ${file}: the shards overlap`);
      names.set(entry.name, file);
    }
  return runReport(
    first.report.command,
    undefined,
    ordered.flatMap(({ report }) => report.entries),
  );
}
