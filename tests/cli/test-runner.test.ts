import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import {
  runLabTests,
  type LabRunOptions,
  type LabRunTotals,
} from '../../framework/cli/lab-runner.ts';
import { TestThread, type LimitClock } from '../../framework/cli/test-thread.ts';
import { loopingLab } from '../fixtures/looping-lab.ts';

const LOOPING_LABS = new URL('../fixtures/looping-lab.ts', import.meta.url).href;
const scratch = mkdtempSync(join(tmpdir(), 'tslabs-runner-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs tests of the looping lab in a test thread, as `tslabs test` does; returns every write and
 * the totals.
 */
async function runTests(
  numbers: readonly number[],
  options: Partial<LabRunOptions> & {
    isTTY?: boolean;
    onWrite?: (text: string) => void;
    limitClock?: LimitClock;
  } = {},
): Promise<{ writes: string[]; lines: string[]; totals: LabRunTotals }> {
  const writes: string[] = [];
  const thread = new TestThread(
    { labsModule: LOOPING_LABS, colorLevel: 0 },
    () => performance.now(),
    options.limitClock,
  );
  const totals: LabRunTotals = { passed: 0, failed: 0, points: 0, pointsPossible: 0 };
  const tests = numbers.map((number) => loopingLab.tests.find((test) => test.number === number)!);
  try {
    await runLabTests(
      loopingLab,
      tests,
      {
        seed: 1,
        variant: undefined,
        saveTraces: false,
        checks: false,
        tracesDirectory: scratch,
        logLevel: 'off',
        timeouts: true,
        thread,
        output: {
          write: (text: string) => {
            writes.push(text);
            options.onWrite?.(text);
          },
          isTTY: options.isTTY ?? false,
        },
        ...options,
      },
      totals,
    );
  } finally {
    await thread.close();
  }
  return { writes, lines: writes.join('').split('\n'), totals };
}

describe('tslabs test time limits', () => {
  it('a handler that never returns fails its test as timed out, with its seed and replay command, and the next tests still run', async () => {
    const { lines, totals } = await runTests([1, 2, 3]);
    expect(lines[1]).toMatch(
      /^TEST 1\.1 \[RUN\] echoes five probes \(1 pts\) \.\.\. PASS \(\d+\.\d{3} s\)$/,
    );
    const stuck = lines.findIndex((line) => line.startsWith('TEST 1.2 '));
    expect(lines[stuck]).toMatch(
      /^TEST 1\.2 \[RUN\] a handler that never returns \(1 pts\) \.\.\. FAIL \(\d+\.\d{3} s\)$/,
    );
    expect(lines[stuck + 1]).toBe(
      "    timed out: still running after 1 s, the test's time limit (--max-time-s S sets another, --no-timeouts lifts it)",
    );
    expect(lines[stuck + 2]).toBe(
      '    seed 1; replay: npx tslabs test --lab loop --test 1.2 --seed 1',
    );
    expect(lines[stuck + 3]).toMatch(/^TEST 1\.3 \[RUN\] a check that fails \(1 pts\) \.\.\. FAIL/);
    expect(lines[stuck + 4]).toBe('    expected 1, got 2');
    expect(totals).toEqual({ passed: 1, failed: 2, points: 1, pointsPossible: 3 });
  });

  it('writes the TEST line when the test starts, and its status when it ends', async () => {
    const { writes } = await runTests([2]);
    const start = writes.indexOf('TEST 1.2 [RUN] a handler that never returns (1 pts) ...');
    expect(start).toBeGreaterThan(-1);
    expect(writes[start + 1]).toMatch(/^ FAIL \(\d+\.\d{3} s\)\n$/);
  });

  it('in a log, names each test once: lines the test writes come between its TEST line and its status', async () => {
    const { lines } = await runTests([1], { logLevel: 'all' });
    expect(lines.filter((line) => line.includes('echoes five probes'))).toEqual([
      'TEST 1.1 [RUN] echoes five probes (1 pts) ...',
    ]);
    const status = lines.findIndex((line) => line.startsWith('... '));
    expect(lines[status]).toMatch(/^\.\.\. PASS \(\d+\.\d{3} s\)$/);
    // The 22 events of seed 1, each on a line of its own.
    const events = lines.slice(2, status);
    expect(events).toHaveLength(22);
    expect(events.every((line) => /^ +\d+\.\d{3}ms (control|send|deliver) /.test(line))).toBe(true);
  });

  it('on a terminal, shows a live line for the running test, which the TEST line replaces', async () => {
    const { writes } = await runTests([1], { isTTY: true });
    expect(writes[1]).toBe('\r\x1b[2KTEST 1.1 [RUN] echoes five probes (1 pts) ... running, 0 s');
    expect(writes.slice(-2)).toEqual([
      '\r\x1b[2K',
      expect.stringMatching(
        /^TEST 1\.1 \[RUN\] echoes five probes \(1 pts\) \.\.\. PASS \(\d+\.\d{3} s\)\n$/,
      ),
    ]);
  });

  it("--max-time-s replaces every test's own limit", async () => {
    const { lines } = await runTests([2], { maxTimeS: 0.5 });
    expect(lines).toContain(
      "    timed out: still running after 0.5 s, the test's time limit (--max-time-s S sets another, --no-timeouts lifts it)",
    );
  });

  it('a test past its own limit fails as timed out; --no-timeouts lifts the limit, --max-time-s replaces it', async () => {
    const asked: number[] = [];
    // The limit passes the moment it starts, as if the test had run past it: whatever the load.
    const passedAtOnce: LimitClock = (onLimit, limitMs) => {
      asked.push(limitMs);
      onLimit();
      return () => undefined;
    };
    const limited = await runTests([4], { limitClock: passedAtOnce });
    expect(limited.totals).toMatchObject({ passed: 0, failed: 1 });
    expect(limited.lines).toContain(
      "    timed out: still running after 0.1 s, the test's time limit (--max-time-s S sets another, --no-timeouts lifts it)",
    );
    expect(asked).toEqual([100]);
    const lifted = await runTests([4], { timeouts: false, limitClock: passedAtOnce });
    expect(lifted.totals).toMatchObject({ passed: 1, failed: 0 });
    expect(asked).toEqual([100]);
    // A limit that never passes: the test runs to its end.
    const neverPasses: LimitClock = (_onLimit, limitMs) => {
      asked.push(limitMs);
      return () => undefined;
    };
    const replaced = await runTests([4], { maxTimeS: 60, limitClock: neverPasses });
    expect(replaced.totals).toMatchObject({ passed: 1, failed: 0 });
    expect(asked).toEqual([100, 60_000]);
  });

  it('Ctrl-C stops the running test, even a looping handler, and no further test starts', async () => {
    const interrupt = new AbortController();
    const { lines, totals } = await runTests([2, 1], {
      signal: interrupt.signal,
      // Once test 1.2 is under way (its handler spinning), as a user at the keyboard would.
      onWrite: (text) =>
        void (text.startsWith('TEST 1.2') && setTimeout(() => interrupt.abort(), 300)),
    });
    expect(lines[1]).toMatch(
      /^TEST 1\.2 \[RUN\] a handler that never returns \(1 pts\) \.\.\. INTERRUPTED \(\d+\.\d{3} s\)$/,
    );
    expect(lines[2]).toBe('    interrupted by Ctrl-C');
    expect(lines[3]).toBe('    seed 1; replay: npx tslabs test --lab loop --test 1.2 --seed 1');
    expect(lines.some((line) => line.startsWith('TEST 1.1'))).toBe(false);
    expect(totals).toMatchObject({ passed: 0, failed: 0, interrupted: true });
  });

  it("hands a failed test's trace over (for --viz) as soon as the test ends, before the next one starts", async () => {
    const handed: string[] = [];
    const { lines } = await runTests([3, 1], {
      onFailedTrace: (trace, write) => {
        handed.push(`${trace.part}.${trace.test}`);
        write('--viz: opening lab loop test 1.3');
      },
    });
    expect(handed).toEqual(['1.3']);
    const opened = lines.indexOf('--viz: opening lab loop test 1.3');
    expect(lines[opened - 1]).toBe(
      '    seed 1; replay: npx tslabs test --lab loop --test 1.3 --seed 1',
    );
    expect(lines[opened + 1]).toMatch(/^TEST 1\.1 /);
  });
});
