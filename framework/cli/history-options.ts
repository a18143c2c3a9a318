import { writeFileSync } from 'node:fs';
import { formatOfFileName, HISTORY_FORMATS, type HistoryFormat } from '../check/history-file.ts';
import { UsageError } from './usage-error.ts';

/** `value` of `flag` if it is one of `choices`; otherwise a usage error naming them. */
export function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `${flag} must be one of ${choices.join(', ')}, not ${JSON.stringify(value)}`,
  );
}

/** `--timeout-ms` of a checker's command, refused unless a positive number. */
export function positiveTimeoutMs(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(
      `--timeout-ms must be a positive number of milliseconds, not ${String(timeoutMs)}`,
    );
  return timeoutMs;
}

/** The history format `--format` names, or else the one the file's extension implies. */
export function historyFormat(file: string, format: string | undefined): HistoryFormat {
  return format === undefined ? formatOfFile(file) : oneOf('--format', format, HISTORY_FORMATS);
}

function formatOfFile(file: string): HistoryFormat {
  const implied = formatOfFileName(file);
  if (implied === undefined)
    throw new UsageError(
      `${file}: cannot tell the format from the extension; give --format edn or --format json`,
    );
  return implied;
}

/** Writes a checker's `--html` page, or a usage error naming the file. */
export function writePage(file: string, page: string): void {
  try {
    writeFileSync(file, page);
  } catch (error) {
    throw new UsageError(
      `${file}: cannot write the page (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}
