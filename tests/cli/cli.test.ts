import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Lab, LabTest } from '../../framework/lab/lab-test.ts';
import { findLab } from '../../framework/testing.ts';
import { TRACE_VERSION } from '../../framework/trace/trace-file.ts';
import { traceSetup } from '../../framework/trace/trace-setup.ts';
import { serializeTrace } from '../../framework/trace/trace-file.ts';
import { testTrace } from '../../framework/trace/test-trace.ts';
import { executeTest } from '../../framework/lab/lab-test.ts';
import type { SearchReport } from '../../framework/lab/search-report.ts';
import { performance } from 'node:perf_hooks';
import { labs } from '../../labs/index.ts';

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
  const result = spawnSync(process.execPath, ['bin/tslabs.js', ...args], {
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

function traceFile(name: string, contents: string): string {
  const file = join(scratch, name);
  writeFileSync(file, contents);
  return file;
}

const lab1 = findLab(labs, '1') as Lab;
const lab1Test21 = lab1.tests.find((test) => test.part === 2 && test.number === 1) as LabTest;
/** The nodes lab 1 test 2.1 creates. */
const LAB1_TEST21_NODES = [['client1', 'server']];

/** A run trace of lab 1 test 2.1 as --save-traces writes it, with `overrides` applied. */
function lab1Trace(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'tslabs-trace',
    version: TRACE_VERSION,
    lab: '1',
    part: 2,
    test: 1,
    description: 'Basic key-value workload',
    kind: 'run',
    seed: 1,
    settings: {},
    setup: traceSetup({ lab: lab1, test: lab1Test21, variant: undefined }, LAB1_TEST21_NODES),
    // Lab 1 test 2.1 stops no node: this never happened.
    events: [[{ type: 'control', timeMicros: 0, action: 'stop', node: 'server' }]],
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
    expect(outcome.stdoutLines).toContainEqual(
      expect.stringMatching(/^ {4}random search, random probes: memory exhausted, /),
    );
    expect(outcome.stdoutLines).toContain(
      '    seed 1; replay: npx tslabs test --lab 3 --test 3.7 --seed 1',
    );
  });

  it('a --max-memory that is not a size is a usage error', () => {
    expectUsageError(
      tslabs('test', '--lab', '0', '--max-memory', 'lots'),
      '--max-memory takes a size',
    );
  });

  it("list shows lab 4's parts, titled, each above its tests; test --lab 4 --part P runs one", () => {
    const listed = tslabs('list');
    expect(listed.status).toBe(0);
    const lab4 = listed.stdoutLines.slice(
      listed.stdoutLines.findIndex((line) => line.startsWith('Lab 4 (shardstore)')),
    );
    const part1 = lab4.indexOf('  Part 1: The shard master');
    const part2 = lab4.indexOf('  Part 2: The sharded store');
    expect(part1).toBe(1);
    expect(lab4[part1 + 1]).toMatch(/^ {2}1\.1 /);
    expect(part2).toBeGreaterThan(part1);
    expect(lab4[part2 - 1]).toMatch(/^ {2}1\.\d+ /);
    expect(lab4[part2 + 1]).toMatch(/^ {2}2\.1 /);
    const part1Run = tslabs('test', '--lab', '4', '--part', '1', '--no-search');
    expect(part1Run.status).toBe(0);
    expect(
      part1Run.stdoutLines
        .filter((line) => line.startsWith('TEST '))
        .every((line) => line.startsWith('TEST 1.')),
    ).toBe(true);
    expect(tslabs('test', '--lab', '4', '--part', '4').stderrLines).toEqual([
      'tslabs: lab 4 has no part 4 (parts: 1, 2, 3)',
    ]);
  });

  it('an unknown lab is a usage error', () => {
    expectUsageError(tslabs('test', '--lab', '99'), 'unknown lab "99"');
  });

  it('a seed that is not a number is a usage error', () => {
    expectUsageError(tslabs('test', '--lab', '0', '--seed', 'abc'), 'invalid seed "abc"');
  });

  it('a --log-level that is not a level names it and the valid ones', () => {
    expectUsageError(
      tslabs('test', '--lab', '0', '--log-level', 'bogus'),
      'invalid --log-level "bogus": use off, info, all',
    );
    expectUsageError(
      tslabs('replay', traceFile('any.json', lab1Trace({})), '--log-level', 'bogus'),
      'invalid --log-level "bogus": use off, info, all',
    );
  });

  it('a --part that is not a number is a usage error', () => {
    expectUsageError(
      tslabs('test', '--lab', '1', '--part', 'abc'),
      'invalid --part "abc": give a part number',
    );
  });

  it('--part and a --test of another part are a usage error, not one silently preferred', () => {
    expectUsageError(
      tslabs('test', '--lab', '1', '--part', '1', '--test', '3.2'),
      '--part 1 and --test 3.2 name different parts',
    );
  });

  it('a --max-time-s that is not a positive number is a usage error', () => {
    expectUsageError(tslabs('test', '--lab', '0', '--max-time-s', '0'), 'invalid --max-time-s');
    expectUsageError(tslabs('test', '--lab', '0', '--max-time-s', 'soon'), 'invalid --max-time-s');
  });

  it('replay takes several files, or a folder of them', () => {
    const folder = join(scratch, 'traces');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.json'), lab1Trace({}));
    writeFileSync(join(folder, 'b.json'), lab1Trace({}));
    writeFileSync(join(folder, 'notes.txt'), 'not a trace');
    const single = traceFile('single.json', lab1Trace({}));
    const outcome = tslabs('replay', single, folder);
    expect(outcome.status).toBe(0);
    expect(
      outcome.stdoutLines.filter((line) => line.startsWith('Replaying lab 1 test 2.1')),
    ).toHaveLength(3);
    expect(outcome.stdoutLines.at(-1)).toBe('3 passed, 0 failed');
  });

  it('replay of a folder without traces, or with a malformed one, is a usage error before any replay', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expectUsageError(tslabs('replay', empty), 'a folder with no .json trace files');
    const outcome = tslabs(
      'replay',
      traceFile('good.json', lab1Trace({})),
      traceFile('bad.json', '{'),
    );
    expectUsageError(outcome, 'bad.json: ');
    expect(outcome.stdoutLines).toEqual([]);
  });

  it('replay refuses malformed JSON', () => {
    expectUsageError(
      tslabs('replay', traceFile('malformed.json', '{"format": "tslabs-trace",')),
      'not valid JSON',
    );
  });

  it('replay refuses a trace from a newer format version', () => {
    expectUsageError(
      tslabs('replay', traceFile('future.json', lab1Trace({ version: 99 }))),
      'format version 99, newer than this tslabs understands',
    );
  });

  it('replay refuses a trace from an earlier format version, naming the version', () => {
    expectUsageError(
      tslabs('replay', traceFile('old.json', lab1Trace({ version: 1 }))),
      'the trace has format version 1 (whose control events were text',
    );
  });

  it('replay refuses a trace relabelled as another test, before replaying it', () => {
    // Lab 3 has a test 2.1 too: only the fingerprint of the setup tells the traces apart.
    const outcome = tslabs('replay', traceFile('relabelled.json', lab1Trace({ lab: '3' })));
    expectUsageError(outcome, "the trace's setup fingerprint is not that of lab 3 test 2.1");
    expect(outcome.stdoutLines).toEqual([]);
  });

  it('replay refuses events naming a node the setup does not have', () => {
    const events = [[{ type: 'timer', timeMicros: 0, to: 'server7', timer: { kind: 'T' } }]];
    expectUsageError(
      tslabs('replay', traceFile('ghost-node.json', lab1Trace({ events }))),
      'event 1 of simulation 1 names node "server7", which the trace\'s setup does not have',
    );
  });

  it('replay refuses a setup whose nodes are not those the test creates', () => {
    const nodes = [['client1', 'server', 'server7']];
    const setup = traceSetup({ lab: lab1, test: lab1Test21, variant: undefined }, nodes);
    expectUsageError(
      tslabs('replay', traceFile('other-nodes.json', lab1Trace({ setup }))),
      "the trace's nodes (client1 server server7) are not those of lab 1 test 2.1 (client1 server)",
    );
  });

  it('replay refuses a trace from a lab it does not have', () => {
    expectUsageError(
      tslabs('replay', traceFile('unknown-lab.json', lab1Trace({ lab: '42' }))),
      'the trace is from lab "42", which this tslabs does not have',
    );
  });

  it('replay refuses a missing file', () => {
    expectUsageError(tslabs('replay', join(scratch, 'absent.json')), 'no such file');
  });

  it('replay reports where the code diverges from a trace, and the outcome of the test now', () => {
    const outcome = tslabs('replay', traceFile('diverging.json', lab1Trace({})));
    expect(outcome.status).toBe(0);
    const text = outcome.stdoutLines.join('\n');
    expect(text).toContain('the code now diverges from the trace at event 1 of simulation 1:');
    expect(text).toContain('    trace: 0.000ms stop server\n');
    expect(text).toContain('the outcome differs from the recorded one (FAIL: recorded by hand)');
    expect(outcome.stdoutLines.at(-1)).toBe('PASS');
  });

  it('replay refuses a search trace whose path names a node the test does not have, in one line', () => {
    const test = lab1.tests.find((candidate) => candidate.part === 3 && candidate.number === 8);
    const saved = testTrace({ lab: lab1, test: test as LabTest, variant: undefined }, 1, {
      ...executeTest(test as LabTest, { seed: 1, now: () => performance.now() }),
    });
    const [first, ...rest] = saved.search as SearchReport[];
    const edited = {
      ...first,
      pathKeys: (first?.pathKeys ?? []).map((key) => key.replace(' client1 ', ' client9 ')),
    };
    const file = traceFile(
      'ghost-node.json',
      serializeTrace({ ...saved, search: [edited, ...rest] }),
    );
    expectUsageError(
      tslabs('replay', file),
      `${file}: step 1 of the trace's search phase 1 ("clients done") names node "client9", which the test's search does not have (client1 server)`,
    );
  });

  it("Ctrl-C ends the running test's line, prints the totals so far and exits 130", async () => {
    // Lab 3's suite runs for a minute: the signal comes while its first tests run.
    const child = spawn(process.execPath, ['bin/tslabs.js', 'test', '--lab', '3'], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!stdout.includes('TEST ') && (stdout + chunk).includes('TEST ')) child.kill('SIGINT');
      stdout += chunk;
    });
    const status = await new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const lines = stdout.split('\n').filter((line) => line.length > 0);
    expect(status).toBe(130);
    expect(lines.filter((line) => / \.\.\. INTERRUPTED \(\d+\.\d{3} s\)$/.test(line))).toHaveLength(
      1,
    );
    expect(lines).toContain('    interrupted by Ctrl-C');
    expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed, interrupted$/);
  });
});
