import type { Options } from 'yargs';

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
