import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly status: number | null;
  readonly stdoutLines: string[];
  readonly stderrLines: string[];
}

function tslabs(...args: string[]): Outcome {
  // No colors, whatever the terminal the tests run in, so lines compare as text.
  const result = spawnSync(process.execPath, ['bin/tslabs.js', ...args], { cwd: REPOSITORY_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const lines = (text: string): string[] => text.split('\n').filter((line) => line.length > 0);
  return { status: result.status, stdoutLines: lines(result.stdout), stderrLines: lines(result.stderr) };
}

function traceFile(name: string, contents: string): string {
  const file = join(scratch, name);
  writeFileSync(file, contents);
  return file;
}

/** A run trace of lab 1 test 2.1 as --save-traces writes it, with `overrides` applied. */
function lab1Trace(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'tslabs-trace',
    version: 1,
    lab: '1',
    part: 2,
    test: 1,
    description: 'Basic key-value workload',
    kind: 'run',
    seed: 1,
    settings: {},
    events: [[{ type: 'control', timeMicros: 0, action: 'this never happened' }]],
    outcome: { passed: false, failure: 'recorded by hand' },
    ...overrides,
  });
}

/** A usage error: exit code 2 and exactly one line on stderr, which is not a stack trace. */
function expectUsageError(outcome: Outcome, text: string): void {
  expect(outcome.status).toBe(2);
  expect(outcome.stderrLines).toHaveLength(1);
  expect(outcome.stderrLines[0]).toContain(text);
  expect(outcome.stderrLines[0]).toMatch(/^tslabs: /);
}

describe('tslabs command', () => {
  it('test --lab 0 passes every test and ends with the totals', () => {
    const outcome = tslabs('test', '--lab', '0');
    expect(outcome.status).toBe(0);
    expect(outcome.stdoutLines.at(-1)).toBe('4 passed, 0 failed');
    expect(outcome.stdoutLines.filter((line) => line.startsWith('TEST '))).toHaveLength(4);
    expect(outcome.stderrLines).toEqual([]);
  });

  it('test --max-memory ends a search past it as "memory exhausted", and the test fails with the seed', () => {
    const outcome = tslabs('test', '--lab', '3', '--test', '3.7', '--max-memory', '1M');
    expect(outcome.status).toBe(1);
    expect(outcome.stdoutLines).toContainEqual(expect.stringMatching(/^ {4}random search, random probes: memory exhausted, /));
    expect(outcome.stdoutLines).toContain('    seed 1; replay: npx tslabs test --lab 3 --test 3.7 --seed 1');
  });

  it('a --max-memory that is not a size is a usage error', () => {
    expectUsageError(tslabs('test', '--lab', '0', '--max-memory', 'lots'), '--max-memory takes a size');
  });

  it('an unknown lab is a usage error', () => {
    expectUsageError(tslabs('test', '--lab', '99'), 'unknown lab "99"');
  });

  it('a seed that is not a number is a usage error', () => {
    expectUsageError(tslabs('test', '--lab', '0', '--seed', 'abc'), 'invalid seed "abc"');
  });

  it('replay refuses malformed JSON', () => {
    expectUsageError(tslabs('replay', traceFile('malformed.json', '{"format": "tslabs-trace",')), 'not valid JSON');
  });

  it('replay refuses a trace from a newer format version', () => {
    expectUsageError(tslabs('replay', traceFile('future.json', lab1Trace({ version: 99 }))), 'format version 99, newer than this tslabs understands');
  });

  it('replay refuses a trace from a lab it does not have', () => {
    expectUsageError(tslabs('replay', traceFile('unknown-lab.json', lab1Trace({ lab: '42' }))), 'the trace is from lab "42", which this tslabs does not have');
  });

  it('replay refuses a missing file', () => {
    expectUsageError(tslabs('replay', join(scratch, 'absent.json')), 'no such file');
  });

  it('replay reports where the code diverges from a trace, and the outcome of the test now', () => {
    const outcome = tslabs('replay', traceFile('diverging.json', lab1Trace({})));
    expect(outcome.status).toBe(0);
    const text = outcome.stdoutLines.join('\n');
    expect(text).toContain('the code now diverges from the trace at event 1 of simulation 1:');
    expect(text).toContain('trace: 0.000ms this never happened');
    expect(text).toContain('the outcome differs from the recorded one (FAIL: recorded by hand)');
    expect(outcome.stdoutLines.at(-1)).toBe('PASS');
  });
});
