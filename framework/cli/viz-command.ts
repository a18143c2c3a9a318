import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { findLab, labList, type LabRegistry } from '../lab/lab-registry.ts';
import type { Lab } from '../lab/lab-test.ts';
import {
  ExploreOptionError,
  exploreOptions,
  type ExploreOptionSpec,
} from '../lab/explore-setup.ts';
import { serializeTrace, TraceFormatError } from '../trace/trace-file.ts';
import { validateTraceSteps } from '../trace/trace-steps-validation.ts';
import type { TraceWithSteps } from '../trace/trace-steps.ts';
import { checkTraceSetup, readTraceFile } from './read-trace-file.ts';
import { parseSeed } from './seed.ts';
import { UsageError } from './usage-error.ts';
import { serveVisualizer, type VizServerOptions } from './viz-server.ts';
import { recordSteps } from './viz-steps.ts';

interface VizArguments {
  file?: string;
  lab?: string;
  variant?: string;
  servers?: number;
  clients?: number;
  workload?: string;
  seed: string;
  port: number;
  open: boolean;
  /** The labs' own explore options (`--groups`, `--config-script`), by flag name. */
  [labOption: string]: unknown;
}

/** Flags of the command itself, which no lab's explore option may take. */
const VIZ_FLAGS = [
  'file',
  'lab',
  'variant',
  'servers',
  'clients',
  'workload',
  'seed',
  'port',
  'open',
];

/**
 * Every explore option of the registry's labs, once per name, with the labs that have it: each
 * becomes a flag of `tslabs viz`.
 */
function labOptions(
  labs: readonly Lab[],
): Map<string, { spec: ExploreOptionSpec; labs: string[] }> {
  const options = new Map<string, { spec: ExploreOptionSpec; labs: string[] }>();
  for (const lab of labs)
    for (const spec of lab.explore?.options ?? []) {
      if (VIZ_FLAGS.includes(spec.name))
        throw new Error(`lab ${lab.id}'s explore option --${spec.name} is a flag of tslabs viz`);
      const known = options.get(spec.name);
      if (known === undefined) options.set(spec.name, { spec, labs: [lab.id] });
      else known.labs.push(lab.id);
    }
  return options;
}

/** `tslabs viz FILE` shows a trace; `tslabs viz --lab L` explores a lab's system by hand. */
export const vizCommand = (registry: LabRegistry): CommandModule<object, VizArguments> => ({
  command: 'viz [file]',
  describe:
    'Open a trace in the visualizer, or explore a lab (--lab) by delivering messages yourself',
  builder: (yargs: Argv) => {
    let withLabOptions = yargs;
    for (const [name, { spec, labs }] of labOptions(registry.labs))
      withLabOptions = withLabOptions.option(name, {
        type: spec.kind === 'count' ? 'number' : 'string',
        describe: `Explore, lab ${labs.join(', ')}: ${spec.description}`,
      });
    return withLabOptions
      .positional('file', { type: 'string', describe: 'A trace saved by --save-traces' })
      .option('lab', {
        alias: 'l',
        type: 'string',
        describe: 'Explore this lab (number or name) instead of showing a trace',
      })
      .option('variant', {
        type: 'string',
        describe: "Explore: the lab's variant (see `tslabs list`; default: the lab's default)",
      })
      .option('servers', { type: 'number', describe: 'Explore: how many servers' })
      .option('clients', { type: 'number', describe: 'Explore: how many clients' })
      .option('workload', {
        type: 'string',
        describe: "Explore: the clients' workload (see the page for the lab's list)",
      })
      .option('seed', { type: 'string', default: '1', describe: 'Explore: seed of the workloads' })
      .option('port', {
        type: 'number',
        default: 0,
        describe: 'Port on 127.0.0.1 (default: a free one)',
      })
      .option('open', {
        type: 'boolean',
        default: true,
        describe: 'Launch a browser (--no-open only prints the URL)',
      });
  },
  handler: async (argv: ArgumentsCamelCase<VizArguments>) => {
    const port = argv.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number, got ${String(port)}`);
    const write = (line: string): void => console.log(line);
    const served =
      argv.file !== undefined
        ? traceSession(registry.labs, argv)
        : exploreSession(registry.labs, argv);
    await serveVisualizer({
      ...served,
      labsModule: registry.moduleUrl,
      port,
      open: argv.open,
      write,
    });
  },
});

function traceSession(
  labs: readonly Lab[],
  argv: VizArguments,
): Omit<VizServerOptions, 'port' | 'labsModule'> {
  const file = argv.file as string;
  if (argv.lab !== undefined) throw new UsageError('give either a trace FILE or --lab, not both');
  const read = readTraceFile(file);
  let text = read.text;
  const trace: TraceWithSteps = read.trace;
  if (trace.steps !== undefined) {
    // The page trusts the steps' shape: a wrong one is refused here, not a crash there.
    try {
      validateTraceSteps(trace.steps);
    } catch (error) {
      if (error instanceof TraceFormatError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    }
  }
  if (trace.steps === undefined) {
    const withSteps = stepsByReplay(labs, file, trace);
    if (withSteps !== undefined) {
      console.log(
        `${file} has no per-step snapshots: recorded them by running lab ${trace.lab} test ${trace.part}.${trace.test} again with seed ${trace.seed}`,
      );
      text = serializeTrace(withSteps);
    }
  }
  return { session: { mode: 'trace', file }, traceText: text };
}

/** A trace of a lab this tslabs has, re-executed from its seed to record the steps it lacks. */
function stepsByReplay(
  labs: readonly Lab[],
  file: string,
  trace: TraceWithSteps,
): TraceWithSteps | undefined {
  const lab = findLab(labs, trace.lab);
  const test = lab?.tests.find(
    (candidate) => candidate.part === trace.part && candidate.number === trace.test,
  );
  if (lab === undefined || test === undefined) return undefined;
  // Steps recorded from another test than the trace's would draw a run that never happened.
  checkTraceSetup(file, trace, { lab, test, variant: trace.variant });
  return { ...trace, steps: recordSteps(test, trace.seed, trace.variant).steps };
}

function exploreSession(
  labs: readonly Lab[],
  argv: VizArguments,
): Omit<VizServerOptions, 'port' | 'labsModule'> {
  if (argv.lab === undefined)
    throw new UsageError(
      'give a trace FILE to show, or --lab L to explore a lab (see `tslabs list`)',
    );
  const lab = findLab(labs, argv.lab);
  if (lab === undefined)
    throw new UsageError(`unknown lab ${JSON.stringify(argv.lab)}; labs: ${labList(labs)}`);
  if (lab.explore === undefined) throw new UsageError(`lab ${lab.id} has no explore setup yet`);
  const counts: Record<string, number> = {};
  const texts: Record<string, string> = {};
  for (const [name, { spec }] of labOptions(labs)) {
    const value = argv[name];
    if (value === undefined) continue;
    // yargs gives a flag given twice as a list.
    if (typeof value !== 'number' && typeof value !== 'string')
      throw new UsageError(`give --${name} once`);
    if (spec.kind === 'count') counts[name] = Number(value);
    else texts[name] = String(value);
  }
  if (argv.variant !== undefined && typeof argv.variant !== 'string')
    throw new UsageError('give --variant once');
  try {
    const options = exploreOptions(
      lab.explore,
      {
        variant: argv.variant,
        servers: argv.servers,
        clients: argv.clients,
        workload: argv.workload,
        seed: parseSeed(argv.seed),
        counts,
        texts,
      },
      lab,
    );
    return { session: { mode: 'explore', explore: { kind: 'lab', lab: lab.id, ...options } } };
  } catch (error) {
    if (error instanceof ExploreOptionError) throw new UsageError(error.message);
    throw error;
  }
}
