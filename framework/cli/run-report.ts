import { readFileSync, writeFileSync } from 'node:fs';
import type { Shard } from './shard.ts';
import { UsageError } from './usage-error.ts';

/** How one test or seed of a run ended, as a report records it. */
export type ReportOutcome = 'passed' | 'failed' | 'timed out' | 'crashed' | 'interrupted';

const OUTCOMES: readonly ReportOutcome[] = [
  'passed',
  'failed',
  'timed out',
  'crashed',
  'interrupted',
];

/** One test (of `tslabs test`) or one seed (of `tslabs swarm`) in a report. */
export interface ReportEntry {
  /** Unique within a run: `lab 1 test 2.1`, `lab 3 (paxos) seed 17`. */
  readonly name: string;
  readonly outcome: ReportOutcome;
  /** Wall time of the test or seed, as measured on the machine that ran it. */
  readonly elapsedMs: number;
  /** Distinct states its searches saw (absent for a run test). */
  readonly states?: number;
  readonly points?: number;
  readonly pointsPossible?: number;
  /** The exact command that runs it again. */
  readonly replay: string;
  /** Why it failed, first line (absent when it passed). */
  readonly reason?: string;
}

/** The machine-readable result of one run, or of one shard of it (`--report FILE`). */
export interface RunReport {
  readonly format: 'tslabs-report';
  readonly version: 1;
  readonly command: 'test' | 'swarm';
  readonly shard?: Shard;
  readonly entries: readonly ReportEntry[];
}

/** The report of `entries`, ready to write. */
export function runReport(
  command: RunReport['command'],
  shard: Shard | undefined,
  entries: readonly ReportEntry[],
): RunReport {
  return {
    format: 'tslabs-report',
    version: 1,
    command,
    ...(shard === undefined ? {} : { shard }),
    entries,
  };
}

/** Writes a report as JSON; a file that cannot be written is a usage error. */
export function writeRunReport(file: string, report: RunReport): void {
  try {
    writeFileSync(file, `${JSON.stringify(report, undefined, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write report ${file}: ${(error as Error).message}`);
  }
}

/** Reads and checks a report; anything but a report this version wrote is a usage error. */
export function readRunReport(file: string): RunReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read report ${file}: ${(error as Error).message}`);
  }
  const problem = reportProblem(parsed);
  if (problem !== undefined) throw new UsageError(`${file} is not a tslabs report: ${problem}`);
  return parsed as RunReport;
}

function reportProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const report = value as Record<string, unknown>;
  if (report['format'] !== 'tslabs-report') return 'no "format": "tslabs-report"';
  if (report['version'] !== 1) return `version ${JSON.stringify(report['version'])}, not 1`;
  if (report['command'] !== 'test' && report['command'] !== 'swarm')
    return '"command" is neither "test" nor "swarm"';
  const shard = report['shard'] as Record<string, unknown> | undefined;
  if (
    shard !== undefined &&
    !(
      Number.isSafeInteger(shard['index']) &&
      Number.isSafeInteger(shard['count']) &&
      (shard['index'] as number) >= 1 &&
      (shard['index'] as number) <= (shard['count'] as number)
    )
  )
    return '"shard" is not { index, count } with 1 ≤ index ≤ count';
  if (!Array.isArray(report['entries'])) return '"entries" is not a list';
  for (const [position, entry] of (report['entries'] as unknown[]).entries()) {
    const fields = entry as Record<string, unknown>;
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof fields['name'] !== 'string' ||
      !OUTCOMES.includes(fields['outcome'] as ReportOutcome) ||
      typeof fields['elapsedMs'] !== 'number' ||
      typeof fields['replay'] !== 'string'
    )
      return `entry ${position + 1} lacks a name, an outcome (${OUTCOMES.join(', ')}), elapsedMs or a replay command`;
  }
  return undefined;
}
