import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { kvHistoryFromEdn } from '../../framework/check/index.ts';
import { fileLines, LINE_CHARS_MAX, LineTooLongError } from '../../framework/cli/file-lines.ts';

const PORCUPINE_KV = fileURLToPath(new URL('../fixtures/porcupine/kv', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-file-lines-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function written(name: string, contents: string): string {
  const file = join(scratch, name);
  writeFileSync(file, contents);
  return file;
}

describe('reading a file a line at a time', () => {
  it('gives the lines of the text, across chunk boundaries and multi-byte characters', () => {
    // A 1 MB chunk ends inside the second line, and inside a three-byte character of it.
    const first = 'a'.repeat((1 << 20) - 10);
    const second = `${'é'.repeat(3)}€€€ and more`;
    const text = `${first}\n${second}\r\n\nlast line without a break`;
    expect([...fileLines(written('lines.txt', text))]).toEqual(
      text.split('\n').map((line) => line.replace(/\r$/, '')),
    );
    expect([...fileLines(written('empty.txt', ''))]).toEqual([]);
  });

  it('stops at a line longer than the limit, naming it', () => {
    const text = `short\n${'x'.repeat(LINE_CHARS_MAX + 1)}\nafter`;
    const lines = fileLines(written('long.txt', text));
    const read: string[] = [];
    let error: unknown;
    try {
      for (const line of lines) read.push(line);
    } catch (thrown) {
      error = thrown;
    }
    expect(read).toEqual(['short']);
    expect(error).toBeInstanceOf(LineTooLongError);
    expect((error as LineTooLongError).line).toBe(2);
  });

  it('reads every Porcupine history to the same operations as the whole text does', () => {
    for (const name of ['c01-ok.txt', 'c10-bad.txt', 'c50-ok.txt']) {
      const file = join(PORCUPINE_KV, name);
      expect(kvHistoryFromEdn(fileLines(file))).toEqual(
        kvHistoryFromEdn(readFileSync(file, 'utf8')),
      );
    }
  });
});
