import { readFileSync } from 'node:fs';
import { parseTrace, TraceFormatError, type Trace } from '../trace/trace-file.ts';
import { UsageError } from './usage-error.ts';

/**
 * A trace file's text and its parsed trace; an unreadable or malformed file is a usage error naming
 * the file.
 */
export function readTraceFile(file: string): { text: string; trace: Trace } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}`,
    );
  }
  try {
    return { text, trace: parseTrace(text) };
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}
