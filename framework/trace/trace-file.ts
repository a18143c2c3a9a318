import { jsonReplacer } from '../core/json-replacer.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';

/**
 * The versioned trace format. A trace names the test it came from and the seed that
 * reproduces it, and keeps the events and the outcome so that replay can tell whether the
 * code still behaves the same, and where it first differs.
 */
export const TRACE_FORMAT = 'tslabs-trace';
export const TRACE_VERSION = 1;

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
    data = JSON.parse(text);
  } catch (error) {
    throw new TraceFormatError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TraceFormatError('not a trace: expected a JSON object');
  const trace = data as Record<string, unknown>;
  if (trace.format !== TRACE_FORMAT) throw new TraceFormatError(`not a trace: "format" is ${JSON.stringify(trace.format)}, expected "${TRACE_FORMAT}"`);
  if (typeof trace.version !== 'number' || !Number.isInteger(trace.version)) throw new TraceFormatError('the trace has no integer "version"');
  if (trace.version > TRACE_VERSION) {
    throw new TraceFormatError(`the trace has format version ${trace.version}, newer than this tslabs understands (${TRACE_VERSION}); upgrade tslabs`);
  }
  if (trace.version < 1) throw new TraceFormatError(`unknown trace format version ${trace.version}`);
  requireField(trace, 'lab', 'string');
  requireField(trace, 'part', 'number');
  requireField(trace, 'test', 'number');
  requireField(trace, 'seed', 'number');
  requireField(trace, 'description', 'string');
  if (trace.kind !== 'run' && trace.kind !== 'search') throw new TraceFormatError('the trace\'s "kind" must be "run" or "search"');
  if (!Array.isArray(trace.events) || !trace.events.every(Array.isArray)) throw new TraceFormatError('the trace\'s "events" must be a list of event lists');
  if (typeof trace.outcome !== 'object' || trace.outcome === null || typeof (trace.outcome as Record<string, unknown>).passed !== 'boolean') {
    throw new TraceFormatError('the trace has no valid "outcome"');
  }
  if (typeof trace.settings !== 'object' || trace.settings === null) throw new TraceFormatError('the trace has no "settings" object');
  return trace as unknown as Trace;
}

function requireField(trace: Record<string, unknown>, field: string, type: 'string' | 'number'): void {
  if (typeof trace[field] !== type) throw new TraceFormatError(`the trace's "${field}" must be a ${type}`);
}

/** Serializes a trace (Maps and Sets inside messages become objects and arrays). */
export function serializeTrace(trace: Trace): string {
  return JSON.stringify(trace, jsonReplacer);
}
