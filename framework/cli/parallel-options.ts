import type { Options } from 'yargs';
import { UsageError } from './usage-error.ts';

/**
 * Options shared by the commands that split work across machines (`tslabs test`, `tslabs
 * swarm`), each as the arguments of yargs' `.option(name, options)`, so that every command
 * describes them alike.
 */
export const SHARD_OPTION = [
  'shard',
  {
    type: 'string',
    describe:
      'Run only share i of N (e.g. 2/4): tests dealt round-robin, so N machines together run all',
  },
] as const satisfies readonly [string, Options];

export const REPORT_OPTION = [
  'report',
  {
    type: 'string',
    describe:
      'Write a JSON report (per test: outcome, time, states, replay command) for tslabs merge-reports',
  },
] as const satisfies readonly [string, Options];

/** Most threads a search may use: past this, thread start-up costs more than it gains. */
const WORKERS_MAX = 256;

export const WORKERS_OPTION = [
  'workers',
  {
    // Read as text and parsed here: yargs would make "abc" NaN, and the message could not quote it.
    type: 'string',
    default: '1',
    describe:
      "Threads for each test's random searches (1: the test's own thread; the same seed and count give the same findings)",
  },
] as const satisfies readonly [string, Options];

/** Parses `--workers`: a whole number from 1 to {@link WORKERS_MAX}. */
export function parseWorkers(text: unknown): number {
  const value = typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(value >= 1 && value <= WORKERS_MAX))
    throw new UsageError(
      `invalid --workers ${JSON.stringify(Array.isArray(text) ? text.join(' ') : text)}: give a whole number of threads from 1 to ${WORKERS_MAX}`,
    );
  return value;
}
