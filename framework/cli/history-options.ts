import { formatOfFileName, type HistoryFormat } from '../check/history-file.ts';
import { UsageError } from './usage-error.ts';

/** `value` of `flag` if it is one of `choices`; otherwise a usage error naming them. */
export function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `${flag} must be one of ${choices.join(', ')}, not ${JSON.stringify(value)}`,
  );
}

/** The history format a file's extension implies, for the checkers' commands. */
export function formatOfFile(file: string): HistoryFormat {
  const implied = formatOfFileName(file);
  if (implied === undefined)
    throw new UsageError(
      `${file}: cannot tell the format from the extension; give --format edn or --format json`,
    );
  return implied;
}
