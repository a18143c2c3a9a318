import { rootAddress, type Address } from '../core/address.ts';
import { jsonReplacer } from '../core/json-replacer.ts';
import { controlEventProblem } from './control-event-validation.ts';
import { digestProblem, type StoredEvent } from './stored-event.ts';
import { eventAddresses, type TraceSetup } from './trace-setup.ts';

/**
 * The versioned trace format. A trace names the test it came from and the seed that
 * reproduces it, and keeps the events and the outcome so that replay can tell whether the
 * code still behaves the same, and where it first differs.
 */
export const TRACE_FORMAT = 'tslabs-trace';
/**
 * Version 2: control events are typed (`action` with its own fields: a partition's groups, a
 * link's ends, the node stopped); a trace stores a setup fingerprint, long messages as digests
 * and, for a run, no per-step snapshots. Version 3: the same, with long messages digested from
 * their UTF-8 bytes (see text-digest.ts), several times faster to save and replay.
 */
export const TRACE_VERSION = 3;
/**
 * What changed at each version, for the line that refuses an older trace (version 1 stored
 * control events as text, every message whole and per-step snapshots in the file, and had no
 * setup fingerprint).
 */
const EARLIER_VERSIONS: Readonly<Record<number, string>> = {
  1: 'whose control events were text, before traces stored a setup fingerprint and long messages as digests',
  2: 'whose long messages were digested another way, which replay would read as a divergence',
};

export interface TraceOutcome {
  readonly passed: boolean;
  readonly failure?: string;
}

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  readonly lab: string;
  readonly variant?: string;
  readonly part: number;
  readonly test: number;
  readonly description: string;
  readonly kind: 'run' | 'search';
  readonly seed: number;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The nodes of each simulation, and the fingerprint of the test's setup. */
  readonly setup: TraceSetup;
  /**
   * Run traces: the events of each simulation the test created, in order, long messages and
   * timers as digests (see stored-event.ts).
   */
  readonly events: readonly (readonly StoredEvent[])[];
  /** Search traces: what the search found (outcome, path, states), as the engine reports it. */
  readonly search?: unknown;
  readonly outcome: TraceOutcome;
}

/** A file that is not a trace this version of tslabs can read. */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
}

/** Parses and validates a trace file's text. */
export function parseTrace(text: string): Trace {
  let data: unknown;
  try {
    data = JSON.parse(text, refuseProtoKeys);
  } catch (error) {
    if (error instanceof TraceFormatError) throw error;
    throw new TraceFormatError(
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new TraceFormatError('not a trace: expected a JSON object');
  const trace = data as Record<string, unknown>;
  if (trace.format !== TRACE_FORMAT)
    throw new TraceFormatError(
      `not a trace: "format" is ${JSON.stringify(trace.format)}, expected "${TRACE_FORMAT}"`,
    );
  if (typeof trace.version !== 'number' || !Number.isInteger(trace.version))
    throw new TraceFormatError('the trace has no integer "version"');
  if (trace.version > TRACE_VERSION) {
    throw new TraceFormatError(
      `the trace has format version ${trace.version}, newer than this tslabs understands (${TRACE_VERSION}); upgrade tslabs`,
    );
  }
  if (trace.version < TRACE_VERSION) {
    const change = EARLIER_VERSIONS[trace.version];
    throw new TraceFormatError(
      change === undefined
        ? `unknown trace format version ${trace.version}`
        : `the trace has format version ${trace.version} (${change}); this tslabs reads version ${TRACE_VERSION}: save the trace again`,
    );
  }
  requireField(trace, 'lab', 'string');
  requireField(trace, 'part', 'number');
  requireField(trace, 'test', 'number');
  requireField(trace, 'seed', 'number');
  requireField(trace, 'description', 'string');
  // A seed the CLI could never have written would replay as some other run, and read as a
  // divergence.
  if (!Number.isSafeInteger(trace.seed) || (trace.seed as number) < 0)
    throw new TraceFormatError(
      `the trace's "seed" must be a whole number from 0 up, not ${String(trace.seed)}`,
    );
  for (const field of ['part', 'test'] as const) {
    if (!Number.isSafeInteger(trace[field]) || (trace[field] as number) < 0)
      throw new TraceFormatError(
        `the trace's "${field}" must be a whole number, not ${String(trace[field])}`,
      );
  }
  if (trace.kind !== 'run' && trace.kind !== 'search')
    throw new TraceFormatError('the trace\'s "kind" must be "run" or "search"');
  if (!Array.isArray(trace.events) || !trace.events.every(Array.isArray))
    throw new TraceFormatError('the trace\'s "events" must be a list of event lists');
  const events = trace.events as unknown[][];
  events.forEach((list, simulation) =>
    list.forEach((event, index) =>
      checkEvent(event, `event ${index + 1} of simulation ${simulation + 1}`),
    ),
  );
  checkNodes(events as StoredEvent[][], checkSetup(trace.setup, events.length));
  if (
    typeof trace.outcome !== 'object' ||
    trace.outcome === null ||
    typeof (trace.outcome as Record<string, unknown>).passed !== 'boolean'
  ) {
    throw new TraceFormatError('the trace has no valid "outcome"');
  }
  if (typeof trace.settings !== 'object' || trace.settings === null)
    throw new TraceFormatError('the trace has no "settings" object');
  return trace as unknown as Trace;
}

/**
 * `JSON.parse`'s reviver: a `"__proto__"` member becomes an own property, which any later
 * copy by assignment (a node's state cloned, a message spread) would turn into a prototype.
 * No trace tslabs writes has one.
 */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__')
    throw new TraceFormatError(
      'the trace has a "__proto__" member, which no trace tslabs writes has',
    );
  return value;
}

/** The setup record: one sorted node list per simulation, and a fingerprint. */
function checkSetup(value: unknown, simulations: number): TraceSetup {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TraceFormatError('the trace has no "setup" object');
  const setup = value as Record<string, unknown>;
  if (typeof setup.fingerprint !== 'string' || !/^[0-9a-f]{16}$/.test(setup.fingerprint))
    throw new TraceFormatError('the trace\'s setup "fingerprint" must be 16 hexadecimal digits');
  const nodes = setup.nodes;
  if (
    !Array.isArray(nodes) ||
    !nodes.every((list) => Array.isArray(list) && list.every((node) => typeof node === 'string')) ||
    nodes.length !== simulations
  )
    throw new TraceFormatError(
      `the trace's setup "nodes" must be a list of node names for each of its ${simulations} simulations`,
    );
  return setup as unknown as TraceSetup;
}

/** Every event names only nodes of its simulation's setup. */
function checkNodes(events: readonly (readonly StoredEvent[])[], setup: TraceSetup): void {
  events.forEach((list, simulation) => {
    const nodes = new Set(setup.nodes[simulation]);
    list.forEach((event, index) => {
      for (const address of eventAddresses(event)) {
        if (!nodes.has(rootAddress(address as Address)))
          throw new TraceFormatError(
            `event ${index + 1} of simulation ${simulation + 1} names node ${JSON.stringify(address)}, which the trace's setup does not have`,
          );
      }
    });
  });
}

const ADDRESSED_EVENTS = new Set(['send', 'deliver', 'drop']);

/** An event as the simulator records it: a known type, a time, and the fields of its type. */
function checkEvent(event: unknown, where: string): void {
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    throw new TraceFormatError(`${where} is not an event object`);
  const fields = event as Record<string, unknown>;
  const time = fields.timeMicros;
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0)
    throw new TraceFormatError(`${where} has no valid "timeMicros"`);
  const type = fields.type;
  if (typeof type === 'string' && ADDRESSED_EVENTS.has(type)) {
    if (typeof fields.from !== 'string' || typeof fields.to !== 'string' || !('message' in fields))
      throw new TraceFormatError(`${where}: a ${type} event needs "from", "to" and "message"`);
    const problem = digestProblem(fields.message);
    if (problem !== undefined) throw new TraceFormatError(`${where}: ${problem}`);
  } else if (type === 'timer') {
    if (typeof fields.to !== 'string' || !('timer' in fields))
      throw new TraceFormatError(`${where}: a timer event needs "to" and "timer"`);
    const problem = digestProblem(fields.timer);
    if (problem !== undefined) throw new TraceFormatError(`${where}: ${problem}`);
  } else if (type === 'control') {
    const problem = controlEventProblem(fields);
    if (problem !== undefined) throw new TraceFormatError(`${where}: ${problem}`);
  } else {
    throw new TraceFormatError(
      `${where} has an unknown type ${JSON.stringify(type) ?? 'undefined'} (expected send, deliver, drop, timer or control)`,
    );
  }
}

function requireField(
  trace: Record<string, unknown>,
  field: string,
  type: 'string' | 'number',
): void {
  if (typeof trace[field] !== type)
    throw new TraceFormatError(`the trace's "${field}" must be a ${type}`);
}

/** Serializes a trace (Maps and Sets inside messages become objects and arrays). */
export function serializeTrace(trace: Trace): string {
  return JSON.stringify(trace, jsonReplacer);
}
