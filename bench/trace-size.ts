// The size of a long failing run test's saved trace and the time to save it, for the trace
// writer before and after per-step snapshots left the file and long messages became digests
// (format version 1 against today's, TRACE_VERSION: 3 at this writing). Each writer runs in
// a child process of its own, one after the other in this run (paired), so that one's heap
// does not slow the other; the test is made to fail after its run, as a student's failing
// run would be saved.
// Run: node bin/run-ts.js bench/trace-size.ts [LAB:TEST ...] (default 1:3.6 3:2.11)
// Add --new-only to skip version 1, whose writer needs minutes and gigabytes on long runs.
// One child: node bin/run-ts.js bench/trace-size.ts --child v1|now LAB:TEST
import { spawnSync } from 'node:child_process';
import { writeFileSync, statSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { recordSteps } from '../framework/cli/viz-steps.ts';
import { CheckFailure, executeTest, findLab, type LabTest } from '../framework/testing.ts';
import { serializeTrace, testTrace, TRACE_VERSION } from '../framework/trace/index.ts';
import { labs } from '../labs/index.ts';

const SEED = 1;
/** Old-space limit of each child: version 1 needs gigabytes on these runs. */
const HEAP_MB = 8192;

interface Figures {
  readonly events: number;
  readonly bytes: number;
  readonly saveMs: number;
  /** CPU time of the save (user and system): less at the mercy of the machine's load. */
  readonly saveCpuMs: number;
  readonly peakRssMb: number;
}

const args = process.argv.slice(2);
if (args[0] === '--child') child(args[1] as 'v1' | 'now', args[2] as string);
else parent(args);

function parent(given: string[]): void {
  const newOnly = given.includes('--new-only');
  const tests = given.filter((arg) => !arg.startsWith('--'));
  console.log(
    `trace writer: version 1 (every message whole, per-step snapshots) vs now, version ${TRACE_VERSION} (events, long values as digests)`,
  );
  console.log('test      writer  events    MB      bytes/event  save s   save CPU s  peak RSS MB');
  for (const spec of tests.length === 0 ? ['1:3.6', '3:2.11'] : tests) {
    const figures: Partial<Record<'v1' | 'now', Figures | string>> = {};
    for (const writer of newOnly ? (['now'] as const) : (['v1', 'now'] as const)) {
      const measured = runChild(writer, spec);
      figures[writer] = measured;
      print(spec, writer, measured);
    }
    const [v1, now] = [figures.v1, figures.now];
    if (typeof v1 === 'object' && typeof now === 'object')
      console.log(
        `${spec.padEnd(10)}ratio   v1/now: ${(v1.bytes / now.bytes).toFixed(1)}× the bytes, ${(v1.saveMs / now.saveMs).toFixed(1)}× the save time, ${(v1.saveCpuMs / now.saveCpuMs).toFixed(1)}× its CPU time`,
      );
  }
}

function runChild(writer: 'v1' | 'now', spec: string): Figures | string {
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, 'bin/run-ts.js', script, '--child', writer, spec],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
  );
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{'))
    return `failed (exit ${String(result.status ?? result.signal)}: ${result.stderr.trim().split('\n').at(-1) ?? ''})`;
  return JSON.parse(line) as Figures;
}

function print(spec: string, writer: string, figures: Figures | string): void {
  if (typeof figures === 'string') {
    console.log(`${spec.padEnd(10)}${writer.padEnd(8)}${figures}`);
    return;
  }
  const mb = figures.bytes / 1e6;
  console.log(
    `${spec.padEnd(10)}${writer.padEnd(8)}${String(figures.events).padEnd(10)}${mb.toFixed(1).padEnd(8)}${(figures.bytes / figures.events).toFixed(0).padEnd(13)}${(figures.saveMs / 1000).toFixed(2).padEnd(9)}${(figures.saveCpuMs / 1000).toFixed(2).padEnd(12)}${figures.peakRssMb.toFixed(0)}`,
  );
}

/** Runs the test once with events recorded, then saves its trace as `writer` would. */
function child(writer: 'v1' | 'now', spec: string): void {
  const [labId = '', number = ''] = spec.split(':');
  const lab = findLab(labs, labId);
  const real = lab?.tests.find((test) => `${test.part}.${test.number}` === number);
  if (lab === undefined || real === undefined) throw new Error(`no test ${spec}`);
  const failing: LabTest = {
    ...real,
    run: (context) => {
      real.run(context);
      throw new CheckFailure('made to fail by the benchmark, after its run');
    },
  };
  const execution = executeTest(failing, { seed: SEED, recordEvents: true });
  const folder = mkdtempSync(join(tmpdir(), 'tslabs-trace-bench-'));
  const file = join(folder, 'trace.json');
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (writer === 'now') {
    writeFileSync(
      file,
      serializeTrace(testTrace({ lab, test: failing, variant: undefined }, SEED, execution)),
    );
  } else {
    // Version 1's writer: the events as the simulator logged them, and the steps recorded by
    // executing the test a second time with snapshots on.
    const steps = recordSteps(failing, SEED, undefined).steps;
    const trace = {
      format: 'tslabs-trace',
      version: 1,
      lab: lab.id,
      part: real.part,
      test: real.number,
      description: real.description,
      kind: real.kind,
      seed: SEED,
      settings: {},
      events: execution.events,
      outcome: { passed: false, failure: execution.failure },
      steps,
    };
    writeFileSync(file, serializeTrace(trace as never));
  }
  const saveMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const bytes = statSync(file).size;
  rmSync(folder, { recursive: true, force: true });
  const figures: Figures = {
    events: execution.events.reduce((sum, events) => sum + events.length, 0),
    bytes,
    saveMs,
    saveCpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(figures));
}
