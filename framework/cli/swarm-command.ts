import chalk from 'chalk';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { findLab, labList, type LabRegistry } from '../lab/lab-registry.ts';
import type { SwarmSeedResult } from '../lab/swarm-seed.ts';
import { parseWorkers, REPORT_OPTION, SHARD_OPTION, WORKERS_OPTION } from './parallel-options.ts';
import { runReport, writeRunReport, type ReportEntry } from './run-report.ts';
import { SEED_MAX } from './seed.ts';
import { parseShard, shareOf } from './shard.ts';
import type { SwarmWorkerSetup } from './swarm-worker-protocol.ts';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './usage-error.ts';

const WORKER_ENTRY = new URL('../../bin/swarm-worker.js', import.meta.url);
/** Most seeds one command runs: past this, shard the range. */
const SEEDS_MAX = 10_000_000;

interface SwarmArguments {
  lab?: string;
  seeds?: string;
  workers: string;
  shard?: string;
  report?: string;
}

/**
 * `tslabs swarm --lab L --seeds A..B`: runs the lab's swarm scenario once per seed, each
 * under the fault profile its seed draws, over `--workers` threads; prints each failing
 * seed with its profile and the command that replays it, and the seeds per second.
 */
export const swarmCommand = (registry: LabRegistry): CommandModule<object, SwarmArguments> => ({
  command: 'swarm',
  describe: "Run a lab's swarm scenario under a fault profile drawn from each seed",
  builder: (yargs: Argv) =>
    yargs
      .option('lab', { alias: 'l', type: 'string', describe: 'Lab number or name' })
      .option('seeds', { type: 'string', describe: 'Seeds to run, A..B (both included)' })
      .option(...WORKERS_OPTION)
      .option(...SHARD_OPTION)
      .option(...REPORT_OPTION),
  handler: async (argv: ArgumentsCamelCase<SwarmArguments>) => {
    if (argv.lab === undefined) throw new UsageError('which lab? give --lab L');
    const lab = findLab(registry.labs, argv.lab);
    if (lab === undefined)
      throw new UsageError(
        `unknown lab ${JSON.stringify(argv.lab)}; labs: ${labList(registry.labs)}`,
      );
    if (lab.swarm === undefined)
      throw new UsageError(
        `lab ${lab.id} has no swarm scenario (labs with one: ${labList(registry.labs.filter((known) => known.swarm !== undefined))})`,
      );
    const range = parseSeedRange(argv.seeds);
    const workers = parseWorkers(argv.workers);
    const shard = parseShard(argv.shard);
    const seeds = shareOf(
      Array.from({ length: range.last - range.first + 1 }, (_, index) => range.first + index),
      shard,
    );
    const threads = Math.max(1, Math.min(workers, seeds.length, availableParallelism() * 4));
    const write = (line: string): void => console.log(line);
    write(
      chalk.bold(
        `Swarm of lab ${lab.id}: ${lab.swarm.description}; ${seeds.length} seeds on ${threads} thread${threads === 1 ? '' : 's'}`,
      ),
    );
    const replay = (seed: number): string =>
      `npx tslabs swarm --lab ${lab.id} --seeds ${seed}..${seed}`;
    const entries: ReportEntry[] = [];
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let lastDone = start;
    const onResult = (result: SwarmSeedResult): void => {
      const now = performance.now();
      entries.push({
        name: `lab ${lab.id} seed ${result.seed}`,
        outcome: result.passed ? 'passed' : 'failed',
        elapsedMs: now - lastDone,
        replay: replay(result.seed),
        ...(result.reason === undefined ? {} : { reason: result.reason }),
      });
      lastDone = now;
      if (result.passed) return;
      write(chalk.red(`FAIL seed ${result.seed}: ${result.reason ?? 'failed'}`));
      write(`    profile: ${result.profile}`);
      write(`    replay: ${chalk.bold(replay(result.seed))}`);
    };
    const interrupted = await runSeeds(registry.moduleUrl, lab.id, seeds, threads, onResult);
    const elapsedS = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const failed = entries.filter((entry) => entry.outcome !== 'passed').length;
    if (argv.report !== undefined) {
      const bySeed = [...entries].sort((a, b) => seedOf(a) - seedOf(b));
      const done = new Set(bySeed.map(seedOf));
      const stopped = interrupted
        ? seeds
            .filter((seed) => !done.has(seed))
            .map((seed): ReportEntry => ({
              name: `lab ${lab.id} seed ${seed}`,
              outcome: 'interrupted',
              elapsedMs: 0,
              replay: replay(seed),
            }))
        : [];
      writeRunReport(argv.report, runReport('swarm', shard, [...bySeed, ...stopped]));
    }
    write(
      `${entries.length - failed} passed, ${failed} failed${interrupted ? `, interrupted after ${entries.length} of ${seeds.length} seeds` : ''}; ` +
        `${(entries.length / Math.max(elapsedS, 1e-9)).toFixed(1)} seeds/s over ${elapsedS.toFixed(2)} s wall ` +
        `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, every thread of the process)`,
    );
    process.exitCode = interrupted ? EXIT_INTERRUPTED : failed === 0 ? EXIT_OK : EXIT_FAILED;
  },
});

function seedOf(entry: ReportEntry): number {
  return Number(entry.name.slice(entry.name.lastIndexOf(' ') + 1));
}

/** Parses `--seeds A..B`: whole seeds with A ≤ B, at most {@link SEEDS_MAX} of them. */
export function parseSeedRange(text: string | undefined): { first: number; last: number } {
  if (text === undefined)
    throw new UsageError('which seeds? give --seeds A..B, e.g. --seeds 1..1000');
  const match = typeof text === 'string' ? /^(\d+)\.\.(\d+)$/.exec(text.trim()) : null;
  const first = match === null ? NaN : Number(match[1]);
  const last = match === null ? NaN : Number(match[2]);
  if (!(first <= last && last <= SEED_MAX && last - first < SEEDS_MAX))
    throw new UsageError(
      `invalid --seeds ${JSON.stringify(text)}: give A..B with 0 ≤ A ≤ B ≤ ${SEED_MAX} and at most ${SEEDS_MAX} seeds (shard larger ranges)`,
    );
  return { first, last };
}

/**
 * Runs the seeds on `threads` threads, dealt round-robin; resolves once all are done, or on
 * Ctrl-C (every thread terminated) with true.
 */
async function runSeeds(
  labsModule: string,
  lab: string,
  seeds: readonly number[],
  threads: number,
  onResult: (result: SwarmSeedResult) => void,
): Promise<boolean> {
  const workers: Worker[] = [];
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    for (const worker of workers) void worker.terminate();
  };
  process.once('SIGINT', onInterrupt);
  try {
    await Promise.all(
      Array.from({ length: threads }, (_, index) => {
        const setup: SwarmWorkerSetup = {
          labsModule,
          lab,
          seeds: shareOf(seeds, { index: index + 1, count: threads }),
        };
        const worker = new Worker(WORKER_ENTRY, { workerData: setup });
        workers.push(worker);
        worker.on('message', (result: SwarmSeedResult) => onResult(result));
        return new Promise<void>((resolve, reject) => {
          worker.on('error', reject);
          worker.on('exit', () => resolve());
        });
      }),
    );
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  return interrupted;
}
