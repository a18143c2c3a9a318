import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeReports } from '../../framework/cli/merge-reports-command.ts';
import { runReport, type ReportEntry, type RunReport } from '../../framework/cli/run-report.ts';
import { parseShard, shareOf } from '../../framework/cli/shard.ts';
import { UsageError } from '../../framework/cli/usage-error.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-shards-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const ENV = { ...process.env, FORCE_COLOR: '0' };

/** Runs tslabs in a process of its own; resolves with its exit code and output. */
function tslabsProcess(...args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tslabs.js', ...args], {
      cwd: REPOSITORY_ROOT,
      env: ENV,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

function tslabs(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/tslabs.js', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: ENV,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function entry(name: string, outcome: ReportEntry['outcome'] = 'passed'): ReportEntry {
  return { name, outcome, elapsedMs: 1, replay: `npx tslabs test ${name}` };
}

function reportFile(name: string, report: RunReport): string {
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(report));
  return file;
}

describe('--shard i/N', () => {
  it('parses i/N with 1 ≤ i ≤ N and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(undefined)).toBeUndefined();
    for (const bad of ['3/2', '0/4', 'a/b', '1/0', '2', '1/2/3', '-1/2'])
      expect(() => parseShard(bad), bad).toThrow(UsageError);
  });

  it('deals items so that the shards are disjoint and together hold every item once, in order', () => {
    const items = Array.from({ length: 23 }, (_, index) => index);
    for (const count of [1, 2, 3, 7, 30]) {
      const shares = Array.from({ length: count }, (_, index) =>
        shareOf(items, { index: index + 1, count }),
      );
      expect(shares.flat().sort((a, b) => a - b)).toEqual(items);
      for (const share of shares) expect(share).toEqual([...share].sort((a, b) => a - b));
    }
    expect(shareOf(items, { index: 2, count: 10 })).toEqual([1, 11, 21]);
  });

  it('a bad shard is one line on stderr and exit 2, before any test runs', () => {
    for (const bad of ['3/2', '0/4', 'a/b']) {
      const outcome = tslabs('test', '--lab', '0', '--shard', bad);
      expect(outcome.status).toBe(2);
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr.trim().split('\n')).toEqual([
        `tslabs: invalid --shard "${bad}": give i/N with 1 ≤ i ≤ N, e.g. --shard 2/4`,
      ]);
    }
  });
});

describe('--workers N', () => {
  it('anything but a whole number of threads from 1 up is one line on stderr and exit 2', () => {
    for (const bad of ['0', 'abc', '1.5', '-2']) {
      const outcome = tslabs('test', '--lab', '0', `--workers=${bad}`);
      expect(outcome.status).toBe(2);
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr.trim().split('\n')).toEqual([
        `tslabs: invalid --workers "${bad}": give a whole number of threads from 1 to 256`,
      ]);
    }
  });
});

describe('merge-reports', () => {
  it('two shards run as separate processes merge into the run of every test', async () => {
    const files = [1, 2].map((index) => join(scratch, `lab0-shard${index}.json`));
    const shards = await Promise.all(
      files.map((file, index) =>
        tslabsProcess('test', '--lab', '0', '--shard', `${index + 1}/2`, '--report', file),
      ),
    );
    expect(shards.map((shard) => shard.status)).toEqual([0, 0]);
    const reports = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as RunReport);
    expect(reports.map((report) => report.entries.map((test) => test.name))).toEqual([
      ['lab 0 test 1.1', 'lab 0 test 1.3'],
      ['lab 0 test 1.2', 'lab 0 test 1.4'],
    ]);
    const search = reports[1]!.entries[1]!;
    expect(search).toMatchObject({
      outcome: 'passed',
      states: 56 + 80,
      points: 10,
      replay: 'npx tslabs test --lab 0 --test 1.4 --seed 1',
    });
    const merged = join(scratch, 'lab0-merged.json');
    const outcome = tslabs('merge-reports', ...files, '--report', merged);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout.trim().split('\n')).toEqual([
      'Points: 30/30',
      '4 passed, 0 failed (2 reports merged)',
    ]);
    const whole = JSON.parse(readFileSync(merged, 'utf8')) as RunReport;
    expect(whole.shard).toBeUndefined();
    expect(whole.entries).toHaveLength(4);
  });

  it('a failure anywhere exits 1 and prints its replay command; an interrupted shard exits 130', () => {
    const first = reportFile('f1.json', runReport('test', { index: 1, count: 2 }, [entry('a')]));
    const failing = reportFile(
      'f2.json',
      runReport('test', { index: 2, count: 2 }, [{ ...entry('b', 'failed'), reason: 'it broke' }]),
    );
    const failed = tslabs('merge-reports', first, failing);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('FAILED b: it broke');
    expect(failed.stdout).toContain('replay: npx tslabs test b');
    const interrupted = reportFile(
      'f3.json',
      runReport('test', { index: 2, count: 2 }, [entry('b', 'interrupted')]),
    );
    expect(tslabs('merge-reports', first, interrupted).status).toBe(130);
  });

  it('refuses reports that do not make one run: a shard missing or twice, overlapping tests, mixed commands', () => {
    const of = (
      index: number,
      count: number,
      names: string[],
      command: 'test' | 'swarm' = 'test',
    ) => ({
      file: `r${index}.json`,
      report: runReport(
        command,
        { index, count },
        names.map((name) => entry(name)),
      ),
    });
    expect(() => mergeReports([of(1, 3, ['a']), of(3, 3, ['c'])])).toThrow('lack shard 2/3');
    expect(() => mergeReports([of(1, 2, ['a']), of(1, 2, ['b'])])).toThrow('both of shard 1/2');
    expect(() => mergeReports([of(1, 2, ['a']), of(2, 2, ['a'])])).toThrow('the shards overlap');
    expect(() => mergeReports([of(1, 2, ['a']), of(2, 2, ['b'], 'swarm')])).toThrow('tslabs swarm');
    expect(() => mergeReports([of(1, 2, ['a']), of(2, 3, ['b'])])).toThrow('a run in 2 shards');
    expect(mergeReports([of(2, 2, ['b']), of(1, 2, ['a'])]).entries.map((e) => e.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('a file that is not a report is one line and exit 2', () => {
    const notReport = join(scratch, 'not-a-report.json');
    writeFileSync(notReport, '{"format": "something else"}');
    const outcome = tslabs('merge-reports', notReport);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr.trim().split('\n')).toEqual([
      `tslabs: ${notReport} is not a tslabs report: no "format": "tslabs-report"`,
    ]);
    expect(tslabs('merge-reports', join(scratch, 'missing.json')).status).toBe(2);
  });
});
