import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-txncheck-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly status: number | null;
  readonly stdoutLines: string[];
  readonly stderrLines: string[];
}

function txncheck(...args: string[]): Outcome {
  const result = spawnSync(process.execPath, ['bin/tslabs.js', 'txncheck', ...args], {
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
  expect(outcome.stdoutLines).toEqual([]);
  expect(outcome.stderrLines).toHaveLength(1);
  expect(outcome.stderrLines[0]).toContain(text);
}

const READ_SKEW_EDN = [
  '{:process 0, :type :invoke, :f :txn, :value [[:append 1 1] [:append 2 1]]}',
  '{:process 1, :type :invoke, :f :txn, :value [[:r 1 nil] [:r 2 nil]]}',
  '{:process 0, :type :ok, :f :txn, :value [[:append 1 1] [:append 2 1]]}',
  '{:process 1, :type :ok, :f :txn, :value [[:r 1 []] [:r 2 [1]]]}',
  '{:process :nemesis, :type :info, :f :start, :value nil}',
  '{:process 2, :type :invoke, :f :txn, :value [[:r 1 nil]]}',
  '{:process 2, :type :ok, :f :txn, :value [[:r 1 [1]]]}',
  '',
].join('\n');

describe('tslabs txncheck', () => {
  it('explains a read skew, names the models it rules out, and exits 1', () => {
    const outcome = txncheck(file('skew.edn', READ_SKEW_EDN), '--workload', 'list-append');
    expect(outcome.status).toBe(1);
    expect(outcome.stdoutLines[0]).toMatch(/skew\.edn: invalid \(strict-serializable\)$/);
    expect(outcome.stdoutLines[1]).toMatch(
      /^3 transactions, 4 dependency edges, \d+ search steps, [\d.]+ ms$/,
    );
    expect(outcome.stdoutLines.slice(2)).toEqual([
      'G-single: 1',
      "  T1 < T2, because T2 read T1's append of 1 to key 2",
      "  T2 < T1, because T2 read key 1 = [], which did not yet include T1's append of 1",
      '    T1 (process 0, ok, line 1): [append 1 1] [append 2 1]',
      '    T2 (process 1, ok, line 2): [r 1 []] [r 2 [1]]',
      'Not repeatable-read, snapshot-isolation; also not serializable, strict-serializable.',
      'invalid',
    ]);
  });

  it('exits 0 when the model allows what was found', () => {
    const writeSkew = file(
      'write-skew.json',
      JSON.stringify({
        events: [
          {
            process: 0,
            type: 'invoke',
            value: [
              ['r', 'x', null],
              ['append', 'y', 1],
            ],
          },
          {
            process: 1,
            type: 'invoke',
            value: [
              ['r', 'y', null],
              ['append', 'x', 1],
            ],
          },
          {
            process: 0,
            type: 'ok',
            value: [
              ['r', 'x', []],
              ['append', 'y', 1],
            ],
          },
          {
            process: 1,
            type: 'ok',
            value: [
              ['r', 'y', []],
              ['append', 'x', 1],
            ],
          },
          {
            process: 2,
            type: 'invoke',
            value: [
              ['r', 'x', null],
              ['r', 'y', null],
            ],
          },
          {
            process: 2,
            type: 'ok',
            value: [
              ['r', 'x', [1]],
              ['r', 'y', [1]],
            ],
          },
        ],
      }),
    );
    const underSnapshotIsolation = txncheck(
      writeSkew,
      '--workload',
      'list-append',
      '--model',
      'snapshot-isolation',
    );
    expect(underSnapshotIsolation.status).toBe(0);
    expect(underSnapshotIsolation.stdoutLines).toContain(
      'G2-item: 1 (allowed by snapshot-isolation)',
    );
    expect(underSnapshotIsolation.stdoutLines.at(-1)).toBe('valid');
    const serializable = txncheck(
      writeSkew,
      '--workload',
      'list-append',
      '--model',
      'serializable',
    );
    expect(serializable.status).toBe(1);
  });

  it('checks rw-register histories', () => {
    const history = file(
      'register.edn',
      [
        '{:process 0, :type :invoke, :f :txn, :value [[:w :x 1]]}',
        '{:process 0, :type :ok, :f :txn, :value [[:w :x 1]]}',
        '{:process 1, :type :invoke, :f :txn, :value [[:r :x nil] [:w :x 2]]}',
        '{:process 1, :type :ok, :f :txn, :value [[:r :x 1] [:w :x 2]]}',
        '',
      ].join('\n'),
    );
    const outcome = txncheck(history, '--workload', 'rw-register');
    expect(outcome.status).toBe(0);
    expect(outcome.stdoutLines.at(-1)).toBe('valid');
  });

  it('writes one explanation per anomaly and one Graphviz file per cycle with --out', () => {
    const out = join(scratch, 'explanations');
    const outcome = txncheck(
      file('skew2.edn', READ_SKEW_EDN),
      '--workload',
      'list-append',
      '--out',
      out,
    );
    expect(outcome.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['G-single-1.dot', 'G-single-1.txt']);
    expect(readFileSync(join(out, 'G-single-1.txt'), 'utf8')).toContain(
      "T1 < T2, because T2 read T1's append of 1 to key 2",
    );
    const dot = readFileSync(join(out, 'G-single-1.dot'), 'utf8');
    expect(dot).toMatch(/^digraph "G-single-1" \{/);
    expect(dot).toContain('"T2" -> "T1" [label="rw: T2 < T1');
  });

  it('writes a self-contained page with --html, and none for malformed input', () => {
    const html = join(scratch, 'skew.html');
    const outcome = txncheck(
      file('skew3.edn', READ_SKEW_EDN),
      '--workload',
      'list-append',
      '--html',
      html,
    );
    expect(outcome.status).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h2 id="highlighted">G-single</h2>');
    expect(page).not.toMatch(/https?:|src=|<script/i);
    const never = join(scratch, 'never.html');
    expectUsageError(
      txncheck(file('bad2.edn', '{:process 0'), '--workload', 'list-append', '--html', never),
      'bad2.edn:1',
    );
    expect(existsSync(never)).toBe(false);
    expectUsageError(
      txncheck(file('skew4.edn', READ_SKEW_EDN), '--workload', 'list-append', '--html', scratch),
      'cannot write the page',
    );
  });

  it('answers unknown, exit code 3, when the budget runs out', () => {
    // A long chain of write skews: each transaction misses the next one's append, so the
    // whole history is one big strongly connected component to search.
    const events: object[] = [];
    const count = 20_000;
    for (let index = 0; index < count; index++) {
      const ops = [
        ['r', index, []],
        ['append', (index + 1) % count, index],
      ];
      events.push({ process: index, type: 'invoke', value: ops });
    }
    for (let index = 0; index < count; index++)
      events.push({
        process: index,
        type: 'ok',
        value: [
          ['r', index, []],
          ['append', (index + 1) % count, index],
        ],
      });
    for (let index = 0; index < count; index++) {
      events.push({ process: count + index, type: 'invoke', value: [['r', index, null]] });
      events.push({
        process: count + index,
        type: 'ok',
        value: [['r', index, [(index + count - 1) % count]]],
      });
    }
    const outcome = txncheck(
      file('chain.json', JSON.stringify({ events })),
      '--workload',
      'list-append',
      '--timeout-ms',
      '1',
    );
    expect(outcome.status).toBe(3);
    expect(outcome.stdoutLines.at(-1)).toBe('unknown');
  });

  it('refuses malformed input with one line naming the line and column, and writes nothing', () => {
    const out = join(scratch, 'never');
    expectUsageError(
      txncheck(
        file('bad.edn', '{:process 0, :type :invoke, :f :txn, :value [[:append 1 1]}\n'),
        '--workload',
        'list-append',
        '--out',
        out,
      ),
      'bad.edn:1:59: unexpected character "}"',
    );
    expect(existsSync(out)).toBe(false);
    expectUsageError(
      txncheck(
        file(
          'bad.json',
          '{"events": [{"process": 0, "type": "invoke", "value": [["add", 1, 1]]}]}',
        ),
        '--workload',
        'list-append',
      ),
      'bad.json:1:56: a micro-operation\'s function is "append", "r" or "w"',
    );
    expectUsageError(
      txncheck(
        file(
          'twice.edn',
          '{:process 0, :type :invoke, :f :txn, :value [[:append 1 1]]}\n{:process 1, :type :invoke, :f :txn, :value [[:append 1 1]]}\n',
        ),
        '--workload',
        'list-append',
      ),
      'twice.edn:2: 1 is appended to key 1 twice; list-append needs unique values',
    );
    expectUsageError(
      txncheck(
        file('orphan.edn', '{:process 0, :type :ok, :f :txn, :value []}\n'),
        '--workload',
        'list-append',
      ),
      'orphan.edn:1: :ok for process 0, which has no open transaction',
    );
    expectUsageError(
      txncheck(file('wrong-workload.edn', READ_SKEW_EDN), '--workload', 'rw-register'),
      'wrong-workload.edn:1: T1 appends (:append), which the rw-register workload does not have',
    );
  });

  it('refuses bad flags with one line', () => {
    const history = file('ok.edn', READ_SKEW_EDN);
    expectUsageError(
      txncheck(history, '--workload', 'bank'),
      '--workload must be one of list-append, rw-register, not "bank"',
    );
    expectUsageError(
      txncheck(history, '--workload', 'list-append', '--model', 'linearizable'),
      '--model must be one of read-committed, repeatable-read, snapshot-isolation, serializable, strict-serializable',
    );
    expectUsageError(
      txncheck(history, '--workload', 'list-append', '--timeout-ms', '0'),
      '--timeout-ms must be a positive number',
    );
    expectUsageError(
      txncheck(join(scratch, 'missing.edn'), '--workload', 'list-append'),
      'cannot read the file (ENOENT)',
    );
  });
});
