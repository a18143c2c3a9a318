import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PORCUPINE_KV = join(REPOSITORY_ROOT, 'tests/fixtures/porcupine/kv');
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-lincheck-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly status: number | null;
  readonly stdoutLines: string[];
  readonly stderrLines: string[];
}

function lincheck(...args: string[]): Outcome {
  const result = spawnSync(process.execPath, ['bin/tslabs.js', 'lincheck', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const lines = (text: string): string[] => text.split('\n').filter((line) => line.length > 0);
  return {
    status: result.status,
    stdoutLines: lines(result.stdout),
    stderrLines: lines(result.stderr),
  };
}

function file(name: string, contents: string): string {
  const path = join(scratch, name);
  writeFileSync(path, contents);
  return path;
}

function expectUsageError(outcome: Outcome, text: string): void {
  expect(outcome.status).toBe(2);
  expect(outcome.stderrLines).toHaveLength(1);
  expect(outcome.stderrLines[0]).toContain(text);
}

describe('tslabs lincheck', () => {
  it('prints the verdict, the operation count and the time, and exits 0 for a linearizable history', () => {
    const outcome = lincheck(join(PORCUPINE_KV, 'c10-ok.txt'), '--spec', 'kv');
    expect(outcome.status).toBe(0);
    expect(outcome.stdoutLines[0]).toMatch(/c10-ok\.txt: linearizable$/);
    expect(outcome.stdoutLines[1]).toMatch(
      /^337 operations, 10 partitions \(10 decided\), 893 search steps, [\d.]+ ms$/,
    );
    expect(outcome.stdoutLines.at(-1)).toBe('linearizable');
  });

  it('explains a violation and exits 1', () => {
    const outcome = lincheck(join(PORCUPINE_KV, 'c01-bad.txt'), '--spec', 'kv');
    expect(outcome.status).toBe(1);
    expect(outcome.stdoutLines).toContain('key "7": not linearizable.');
    expect(
      outcome.stdoutLines.some((line) =>
        line.includes('the spec answers GetResult("x 0 0 yx 0 3 y") here'),
      ),
    ).toBe(true);
    expect(outcome.stdoutLines.at(-1)).toBe('not linearizable');
  });

  it('answers unknown, exit code 3, when the time runs out', () => {
    const outcome = lincheck(join(PORCUPINE_KV, 'c50-ok.txt'), '--spec', 'kv', '--timeout-ms', '1');
    expect(outcome.status).toBe(3);
    expect(outcome.stdoutLines.at(-1)).toBe('unknown');
  });

  it('reads JSON histories, with the format taken from the extension, and writes the result as JSON on request', () => {
    const history = file(
      'stale.json',
      JSON.stringify({
        operations: [
          {
            process: 'a',
            call: 0,
            return: 1,
            input: { kind: 'Put', key: 'x', value: '1' },
            output: { kind: 'PutOk' },
          },
          {
            process: 'b',
            call: 2,
            return: 3,
            input: { kind: 'Get', key: 'x' },
            output: { kind: 'KeyNotFound' },
          },
        ],
      }),
    );
    const resultFile = join(scratch, 'result.json');
    const outcome = lincheck(history, '--spec', 'kv', '--result-json', resultFile);
    expect(outcome.status).toBe(1);
    expect(outcome.stdoutLines.at(-1)).toBe('not linearizable');
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
      verdict: string;
      explanation: { partitions: { stuck: { expected: string }[] }[] };
    };
    expect(result.verdict).toBe('not linearizable');
    expect(result.explanation.partitions[0]?.stuck[0]?.expected).toBe('GetResult("1")');
  });

  it('checks registers and transactions', () => {
    const register = file(
      'register.edn',
      '{:process 0, :type :invoke, :f :write, :value 3}\n{:process 0, :type :ok, :f :write, :value 3}\n{:process 1, :type :invoke, :f :read, :value nil}\n{:process 1, :type :ok, :f :read, :value 3}\n',
    );
    expect(lincheck(register, '--spec', 'register').stdoutLines.at(-1)).toBe('linearizable');
    const transactions = file(
      'txn.json',
      JSON.stringify({
        events: [
          { process: 'a', type: 'call', input: { kind: 'MultiGet', keys: ['x', 'y'] } },
          {
            process: 'a',
            type: 'return',
            output: { kind: 'MultiGetResult', values: { x: null, y: '1' } },
          },
        ],
      }),
    );
    expect(lincheck(transactions, '--spec', 'txn-kv').stdoutLines.at(-1)).toBe('not linearizable');
  });

  it('refuses a malformed file with its line number, in one line, exit code 2', () => {
    const malformed = file(
      'broken.edn',
      '{:process 0, :type :invoke, :f :get, :key "0", :value nil}\n{:process 0, :type :ok, :f :get, :key "0" :value "x}\n',
    );
    expectUsageError(lincheck(malformed, '--spec', 'kv'), 'broken.edn:2:');
    const badJson = file(
      'broken.json',
      '{"operations": [\n  {"process": "a", "call": 0, "input": {"kind": "Get"}}\n]}',
    );
    expectUsageError(lincheck(badJson, '--spec', 'kv'), 'broken.json:2:');
  });

  it('refuses a missing file, a bad flag and an unknown extension with one line, exit code 2', () => {
    expectUsageError(
      lincheck(join(scratch, 'missing.json'), '--spec', 'kv'),
      'cannot read the file (ENOENT)',
    );
    expectUsageError(
      lincheck(join(PORCUPINE_KV, 'c01-ok.txt'), '--spec', 'queue'),
      '--spec must be one of kv, register, txn-kv',
    );
    expectUsageError(
      lincheck(join(PORCUPINE_KV, 'c01-ok.txt'), '--spec', 'kv', '--format', 'xml'),
      '--format must be one of edn, json',
    );
    expectUsageError(
      lincheck(join(PORCUPINE_KV, 'c01-ok.txt'), '--spec', 'kv', '--timeout-ms', '0'),
      '--timeout-ms must be a positive number',
    );
    expectUsageError(lincheck(file('history.csv', ''), '--spec', 'kv'), 'cannot tell the format');
    expect(lincheck(join(PORCUPINE_KV, 'c01-ok.txt')).status).toBe(2);
  });

  it('refuses "__proto__" members and edn nested past the limit with one line, exit code 2 (not a crash, which scripts read as a verdict)', () => {
    expectUsageError(
      lincheck(
        file(
          'proto.json',
          '{"operations": [{"process": "a", "call": 0, "__proto__": {"return": 5}, "input": {"kind": "Get", "key": "x"}}]}',
        ),
        '--spec',
        'kv',
      ),
      'unknown member "__proto__"',
    );
    expectUsageError(
      lincheck(
        file(
          'deep.edn',
          `{:process 0, :type :invoke, :f :get, :key ${'['.repeat(6_000)}${']'.repeat(6_000)}}\n`,
        ),
        '--spec',
        'kv',
      ),
      'nesting deeper than 512',
    );
  });

  it('reads edn a line at a time, and refuses a line too long for a history with one line, exit code 2', () => {
    const call = '{:process 0, :type :invoke, :f :put, :key "0", :value "v"}\n';
    const huge = `{:process 0, :type :ok, :f :put, :key "0", :value "${'v'.repeat(1 << 20)}"}\n`;
    expectUsageError(
      lincheck(file('huge-line.edn', call + huge), '--spec', 'kv'),
      'huge-line.edn:2: the history is too large: line 2 is longer than 1,048,576 characters',
    );
  });

  it('writes a self-contained page with --html, and none for malformed input', () => {
    const html = join(scratch, 'c01-bad.html');
    const outcome = lincheck(join(PORCUPINE_KV, 'c01-bad.txt'), '--spec', 'kv', '--html', html);
    expect(outcome.status).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h2 id="highlighted">not linearizable</h2>');
    expect(page).toMatch(/class="op ok highlighted"/);
    expect(page).toMatch(/state after: /);
    expect(page).not.toMatch(/https?:|src=|<script/i);
    const never = join(scratch, 'never.html');
    expectUsageError(
      lincheck(file('bad-html.edn', '{:process 0'), '--spec', 'kv', '--html', never),
      'bad-html.edn:1',
    );
    expect(existsSync(never)).toBe(false);
    expectUsageError(
      lincheck(join(PORCUPINE_KV, 'c01-bad.txt'), '--spec', 'kv', '--html', scratch),
      'cannot write the page',
    );
  });
});
