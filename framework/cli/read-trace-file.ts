import { readFileSync } from 'node:fs';
import { parseTrace, TraceFormatError, type Trace } from '../trace/trace-file.ts';
import { setupMismatch, type TraceTestIdentity } from '../trace/trace-setup.ts';
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

/**
 * Refuses (as a usage error naming the file) a trace whose setup fingerprint is not that of
 * the test it names: a trace of one test relabelled as another would replay as a divergence.
 */
export function checkTraceSetup(file: string, trace: Trace, identity: TraceTestIdentity): void {
  const mismatch = setupMismatch(trace.setup, identity);
  if (mismatch !== undefined) throw new UsageError(`${file}: ${mismatch}`);
}
