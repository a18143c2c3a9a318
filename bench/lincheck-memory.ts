// Peak memory of reading and checking an edn history, against its size: the reader before
// (the whole text read, every line parsed into a list, then paired into operations) against
// the file read a line at a time, each line paired as it is read (`tslabs lincheck` now).
// Each reading runs in a child process of its own, one after the other in this run, on the
// same generated file: a key-value history of 20 processes on 5,000 keys (a third gets, the
// rest puts), every call completed.
// Run: node bin/run-ts.js bench/lincheck-memory.ts [MB ...] (default 10 50)
// One child: node bin/run-ts.js bench/lincheck-memory.ts --child whole|lines FILE
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkLinearizability,
  kvHistoryFromEdn,
  kvHistoryFromEdnLines,
  kvSpec,
  readEdnLines,
} from '../framework/check/index.ts';
import { fileLines } from '../framework/cli/file-lines.ts';

const PROCESSES = 20;
const KEYS = 5000;

const args = process.argv.slice(2);
if (args[0] === '--child') child(args[1] as 'whole' | 'lines', args[2] as string);
else parent(args.length === 0 ? [10, 50] : args.map(Number));

function parent(sizes: number[]): void {
  const folder = mkdtempSync(join(tmpdir(), 'tslabs-lincheck-memory-'));
  console.log('edn history: peak RSS of reading and checking it, whole text vs line at a time');
  console.log('file MB  operations  whole: peak MB (× file)  lines: peak MB (× file)  whole/lines');
  try {
    for (const megabytes of sizes) {
      const file = join(folder, `history-${megabytes}.edn`);
      const operations = writeHistory(file, megabytes);
      const fileMb = statSync(file).size / 1e6;
      const [whole, lines] = (['whole', 'lines'] as const).map((reader) => runChild(reader, file));
      const cell = (peak: number | string): string =>
        typeof peak === 'string' ? peak : `${peak.toFixed(0)} (${(peak / fileMb).toFixed(1)}×)`;
      const ratio =
        typeof whole === 'number' && typeof lines === 'number' ? (whole / lines).toFixed(2) : '-';
      console.log(
        `${fileMb.toFixed(0).padEnd(9)}${String(operations).padEnd(12)}${cell(whole as number | string).padEnd(25)}${cell(lines as number | string).padEnd(25)}${ratio}`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function runChild(reader: 'whole' | 'lines', file: string): number | string {
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['bin/run-ts.js', script, '--child', reader, file], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !/^\d/.test(line))
    return `failed (exit ${String(result.status ?? result.signal)})`;
  return Number(line);
}

/** Reads and checks the history; prints the peak RSS in MB. */
function child(reader: 'whole' | 'lines', file: string): void {
  const history =
    reader === 'whole'
      ? kvHistoryFromEdnLines(readEdnLines(readFileSync(file, 'utf8')))
      : kvHistoryFromEdn(fileLines(file));
  const spec = kvSpec({ missingKey: 'empty' });
  // No time budget: the check runs to its verdict, whatever the load.
  const result = checkLinearizability(history, spec);
  if (result.verdict !== 'linearizable')
    throw new Error(`expected linearizable: ${result.verdict}`);
  console.log(String(process.resourceUsage().maxRSS / 1024));
}

/** Writes a linearizable history of about `megabytes` MB; returns its operations. */
function writeHistory(file: string, megabytes: number): number {
  const descriptor = openSync(file, 'w');
  const values = new Map<string, string>();
  let bytes = 0;
  let operation = 0;
  while (bytes < megabytes * 1e6) {
    let chunk = '';
    for (let batch = 0; batch < 1000; batch++, operation++) {
      const process = operation % PROCESSES;
      const key = String(operation % KEYS);
      const line = (type: string, f: string, value: string): string =>
        `{:process ${process}, :type :${type}, :f :${f}, :key "${key}", :value ${value}}\n`;
      if (operation % 3 === 0) {
        // A missing key reads as "" (the edn model's default, as Porcupine's).
        const read = `"${values.get(key) ?? ''}"`;
        chunk += line('invoke', 'get', 'nil') + line('ok', 'get', read);
      } else {
        const value = `x ${process} ${operation} y`;
        chunk += line('invoke', 'put', `"${value}"`) + line('ok', 'put', `"${value}"`);
        values.set(key, value);
      }
    }
    writeSync(descriptor, chunk);
    bytes += chunk.length;
  }
  closeSync(descriptor);
  return operation;
}
