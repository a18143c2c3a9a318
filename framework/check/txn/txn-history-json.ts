import { HistoryFormatError } from '../history-format-error.ts';
import { EDN_OPERATIONS_MAX } from '../edn-history.ts';
import { describeJsonValue, type TextPosition } from '../json-reader.ts';
import { readJsonObjectStream, type JsonPiece } from '../json-stream.ts';
import type { MicroOperation, TxnEvent, TxnEventType, TxnKey } from './transaction.ts';

/** The `format` a JSON transactional history may declare, and the only `version` there is. */
export const JSON_TXN_HISTORY_FORMAT = 'tslabs-txn-history';
export const JSON_TXN_HISTORY_VERSION = 1;

const EVENT_TYPES: readonly TxnEventType[] = ['invoke', 'ok', 'fail', 'info'];
const FUNCTIONS = ['append', 'r', 'w'] as const;
const EVENT_MEMBERS = new Set(['process', 'type', 'value']);

/**
 * The most events a transactional history may have, as for the other readers: more would
 * exhaust the default heap while the checker builds its graphs.
 */
const TXN_EVENTS_MAX = EDN_OPERATIONS_MAX;

/**
 * Reads a transactional history in the JSON form of `docs/txncheck-json-format.md`: an
 * object whose `events` list Jepsen's events in real-time order, micro-operations written
 * `["append", key, value]`, `["r", key, value]`, `["w", key, value]`. The text may come in
 * pieces (a file read a chunk at a time): the events are read one at a time, so memory
 * follows the events, not the text (see json-stream.ts). Every problem throws
 * `HistoryFormatError` at its line and column, a history of more than 4,000,000 events or with
 * a value past `JSON_VALUE_CHARS_MAX` included ("too large").
 */
export function txnEventsFromJson(text: string | Iterable<string>): TxnEvent[] {
  const events: TxnEvent[] = [];
  let listed = false;
  readJsonObjectStream(typeof text === 'string' ? [text] : text, EVENTS, {
    member: (name, nameAt, piece) => {
      if (name === 'format') {
        if (piece.value !== JSON_TXN_HISTORY_FORMAT)
          fail(`"format" must be ${JSON.stringify(JSON_TXN_HISTORY_FORMAT)}`, nameAt);
      } else if (name === 'version') {
        if (piece.value !== JSON_TXN_HISTORY_VERSION)
          fail(
            `unsupported version ${describeJsonValue(piece.value)} (this checker reads version ${JSON_TXN_HISTORY_VERSION})`,
            nameAt,
          );
      } else if (name === 'events') fail('"events" must be a list of events', nameAt);
      else fail(`unknown member ${JSON.stringify(name)}`, nameAt);
    },
    arrayStart: () => (listed = true),
    element: (_name, piece) => {
      if (events.length >= TXN_EVENTS_MAX)
        fail(
          `the history is too large: more than ${TXN_EVENTS_MAX.toLocaleString('en-US')} events`,
          piece.at,
        );
      events.push(txnEvent(piece));
    },
  });
  if (!listed) fail('the history must be a JSON object with "events"', { line: 1, column: 1 });
  return events;
}

const EVENTS: ReadonlySet<string> = new Set(['events']);

function fail(reason: string, position: TextPosition): never {
  throw new HistoryFormatError(reason, position.line, position.column);
}

/** One event of the list, checked, with its micro-operations. */
function txnEvent(piece: JsonPiece): TxnEvent {
  const { value: event, document } = piece;
  const at = (container: object, key?: string): TextPosition =>
    (key === undefined ? undefined : document.memberPosition(container, key)) ??
    document.positionOf(container) ??
    piece.at;
  if (!isObject(event)) return fail('an event must be an object', piece.at);
  for (const key of Object.keys(event))
    if (!EVENT_MEMBERS.has(key)) fail(`unknown member ${JSON.stringify(key)}`, at(event, key));
  const { process, type, value } = event;
  if (typeof process !== 'string' && !(typeof process === 'number' && Number.isInteger(process)))
    fail('"process" must be a string or an integer', at(event, 'process'));
  if (!(EVENT_TYPES as readonly unknown[]).includes(type))
    fail(`"type" must be "invoke", "ok", "fail" or "info"`, at(event, 'type'));
  const position = at(event);
  if ((value === undefined || value === null) && type !== 'invoke' && type !== 'ok')
    return {
      process: process,
      type: type as TxnEventType,
      value: [],
      line: position.line,
    };
  if (!Array.isArray(value))
    return fail('"value" must be a list of micro-operations', at(event, 'value'));
  const operations = (value as unknown[]).map((item): MicroOperation => {
    const itemAt = isObject(item) || Array.isArray(item) ? at(item) : at(event, 'value');
    if (!Array.isArray(item) || item.length !== 3)
      return fail('a micro-operation is [f, key, value]', itemAt);
    const [f, key, operand] = item as unknown[];
    if (!(FUNCTIONS as readonly unknown[]).includes(f))
      fail('a micro-operation\'s function is "append", "r" or "w"', itemAt);
    const plainKey = scalar(key);
    if (plainKey === undefined)
      return fail('a key must be a string, number, boolean or null', itemAt);
    const plainValue = Array.isArray(operand)
      ? (operand as unknown[]).map((element) => scalar(element))
      : scalar(operand);
    if (plainValue === undefined || (Array.isArray(plainValue) && plainValue.includes(undefined)))
      return fail('a value must be a scalar or a list of scalars', itemAt);
    return { f: f as MicroOperation['f'], key: plainKey, value: plainValue };
  });
  return {
    process: process,
    type: type as TxnEventType,
    value: operations,
    line: position.line,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): TxnKey | undefined {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean'
  )
    return value;
  return undefined;
}
