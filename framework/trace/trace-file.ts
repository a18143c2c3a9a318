import { jsonReplacer } from '../core/json-replacer.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';
import { controlEventProblem } from './control-event-validation.ts';

/**
 * The versioned trace format. A trace names the test it came from and the seed that
 * reproduces it, and keeps the events and the outcome so that replay can tell whether the
 * code still behaves the same, and where it first differs.
 */
export const TRACE_FORMAT = 'tslabs-trace';
/**
 * Version 2: control events are typed (`action` with its own fields: a partition's groups, a
 * link's ends, the node stopped). Version 1 stored them as text, which nothing reads any more.
 */
export const TRACE_VERSION = 2;

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
  /** Run traces: the events of each simulation the test created, in order. */
  readonly events: readonly (readonly SimulationEvent[])[];
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
  if (trace.version === 1)
    throw new TraceFormatError(
      `the trace has format version 1, whose control events were text; this tslabs reads version ${TRACE_VERSION}: save the trace again`,
    );
  if (trace.version < 1)
    throw new TraceFormatError(`unknown trace format version ${trace.version}`);
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
  (trace.events as unknown[][]).forEach((events, simulation) =>
    events.forEach((event, index) =>
      checkEvent(event, `event ${index + 1} of simulation ${simulation + 1}`),
    ),
  );
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
  } else if (type === 'timer') {
    if (typeof fields.to !== 'string' || !('timer' in fields))
      throw new TraceFormatError(`${where}: a timer event needs "to" and "timer"`);
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
