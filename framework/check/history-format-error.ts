/**
 * A history file that cannot be read: bad syntax, or an operation the checker cannot
 * understand. It names the line (1-based) and, when known, the column, so the user can go
 * straight to the problem.
 */
export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';

  constructor(
    /** What is wrong, without the position. */
    readonly reason: string,
    readonly line: number,
    readonly column?: number,
  ) {
    super(`line ${line}${column === undefined ? '' : `, column ${column}`}: ${reason}`);
  }
}
