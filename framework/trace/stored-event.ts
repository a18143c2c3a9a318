import { textDigest } from './text-digest.ts';
import { encode, EncodingError } from '../core/encoding.ts';
import { jsonReplacer } from '../core/json-replacer.ts';
import { describeEvent, describeValue, type SimulationEvent } from '../sim/simulation-event.ts';

/**
 * How a run trace stores its events. A message or timer whose canonical encoding is short is
 * kept whole; a longer one as a digest of its encoding and the start of its description. Replay
 * re-executes the test from its seed, so the digest is all it needs to tell whether an
 * event is the same; the long values (a key-value store's ever-growing append results, a
 * Paxos log) are what made a 30-second run's trace half a gigabyte.
 */

/** Values whose canonical encoding is at most this many characters are stored whole. */
export const STORED_VALUE_MAX_CHARS = 96;
/** How much of a digested value's description is kept, for divergence reports. */
const HEAD_CHARS = 48;

/** A message or timer too long to store whole. */
export interface DigestedValue {
  /** 64-bit digest of the value's canonical encoding (see core/encoding.ts). */
  readonly $digest: string;
  /** The length of that encoding, in characters. */
  readonly $size: number;
  /** The start of the value's one-line description (`describeValue`). */
  readonly $head: string;
}

/** The event as the trace file stores it. */
export type StoredEvent = SimulationEvent;

/** The event as stored: its message or timer digested if long. */
export function storedEvent(event: SimulationEvent): StoredEvent {
  return storedWith(event, storedValue);
}

/**
 * A stored event's text: what replay compares, a live event's (through {@link storedEvent})
 * with a parsed one's.
 */
export function storedEventText(event: StoredEvent): string {
  return JSON.stringify(event, jsonReplacer);
}

/**
 * Each simulation's events as stored. A value delivered several times (a retransmission, a
 * duplicate) is one object, digested once.
 */
export function storedEvents(
  simulations: readonly (readonly SimulationEvent[])[],
): StoredEvent[][] {
  const cache = new WeakMap<object, unknown>();
  const cached = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return storedValue(value);
    let result = cache.get(value);
    if (result === undefined) {
      result = storedValue(value);
      cache.set(value, result);
    }
    return result;
  };
  return simulations.map((events) => events.map((event) => storedWith(event, cached)));
}

// By field, not by type: whatever an event carries as its message or timer is what can be long.
function storedWith(event: SimulationEvent, stored: (value: unknown) => unknown): StoredEvent {
  if ('message' in event) return { ...event, message: stored(event.message) as never };
  if ('timer' in event) return { ...event, timer: stored(event.timer) as never };
  return event;
}

function storedValue(value: unknown): unknown {
  const text = canonicalText(value);
  if (text.length <= STORED_VALUE_MAX_CHARS) return value;
  const digested: DigestedValue = {
    $digest: textDigest(text),
    $size: text.length,
    $head: describeValue(value).slice(0, HEAD_CHARS),
  };
  return digested;
}

/**
 * The value's canonical encoding (what search fingerprints, several times faster to build than
 * its JSON), or its JSON for a value the encoding refuses (an unregistered class instance: a run
 * does not need to fingerprint its messages).
 */
function canonicalText(value: unknown): string {
  try {
    return encode(value);
  } catch (error) {
    if (!(error instanceof EncodingError)) throw error;
    return JSON.stringify(value, jsonReplacer) ?? 'null';
  }
}

/** Whether a stored message or timer is a digest, and if it has the shape of one. */
export function digestProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('$digest' in value)) return undefined;
  const fields = value as Record<string, unknown>;
  const valid =
    typeof fields.$digest === 'string' &&
    /^[0-9a-f]{16}$/.test(fields.$digest) &&
    Number.isSafeInteger(fields.$size) &&
    typeof fields.$head === 'string' &&
    Object.keys(fields).length === 3;
  return valid ? undefined : 'a digested value needs "$digest" (16 hex digits), "$size", "$head"';
}

/** A stored event described as `describeEvent` does, a digested value by its head. */
export function describeStoredEvent(event: StoredEvent): string {
  const readable = (value: unknown): unknown =>
    digestProblem(value) === undefined &&
    typeof value === 'object' &&
    value !== null &&
    '$digest' in value
      ? `${(value as DigestedValue).$head}… (${(value as DigestedValue).$size} characters)`
      : value;
  if ('message' in event)
    return describeEvent({ ...event, message: readable(event.message) as never });
  if ('timer' in event) return describeEvent({ ...event, timer: readable(event.timer) as never });
  return describeEvent(event);
}
