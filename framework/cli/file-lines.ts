import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this many characters ends the reading (see {@link LineTooLongError}). */
export const LINE_CHARS_MAX = 1 << 20;
const CHUNK_BYTES = 1 << 20;

/** A line longer than {@link LINE_CHARS_MAX}: no history line is, and it would fill memory. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(readonly line: number) {
    super(`line ${line} is longer than ${LINE_CHARS_MAX.toLocaleString('en-US')} characters`);
  }
}

/**
 * The lines of a UTF-8 file without their line breaks, read a megabyte at a time, so that a
 * reader of a large file holds one chunk and one line, never the whole text. The file is
 * opened at once (so a missing file fails before the first line is asked for) and closed
 * when the lines run out or the reader stops.
 */
export function fileLines(file: string): Iterable<string> {
  const descriptor = openSync(file, 'r');
  return linesOf(descriptor);
}

function* linesOf(descriptor: number): Generator<string> {
  let pending = '';
  let number = 0;
  for (const text of chunksOf(descriptor)) {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = pending + text.slice(start, end);
      pending = '';
      number++;
      if (line.length > LINE_CHARS_MAX) throw new LineTooLongError(number);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = end + 1;
    }
    pending += text.slice(start);
    if (pending.length > LINE_CHARS_MAX) throw new LineTooLongError(number + 1);
  }
  if (pending.length > 0) yield pending;
}

/**
 * The text of a UTF-8 file in pieces of about a megabyte (a character split between two reads
 * is decoded whole), for a reader that needs no lines: a JSON history may be one long line.
 * Opened at once and closed when the pieces run out or the reader stops, as {@link fileLines}.
 */
export function fileChunks(file: string): Iterable<string> {
  const descriptor = openSync(file, 'r');
  return chunksOf(descriptor);
}

function* chunksOf(descriptor: number): Generator<string> {
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(CHUNK_BYTES);
  try {
    for (;;) {
      const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null);
      const text = read === 0 ? decoder.end() : decoder.write(buffer.subarray(0, read));
      if (text.length > 0) yield text;
      if (read === 0) break;
    }
  } finally {
    closeSync(descriptor);
  }
}

/** Whether an error is one of Node's system errors (`EISDIR` reading a folder, `EACCES` …). */
export function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
