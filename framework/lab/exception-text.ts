import { labFrames } from '../core/error-origin.ts';

/**
 * An exception as a failure shows it: its name and message, then the lab's stack frames
 * (the student's file and line), one per line, indented under it.
 */
export function describeException(error: unknown): string {
  const headline = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [headline, ...labFrames(error).map((frame) => `  ${frame}`)].join('\n');
}
