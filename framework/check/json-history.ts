import { HistoryFormatError } from './history-format-error.ts';
import { EDN_OPERATIONS_MAX } from './edn-history.ts';
import { describeJsonValue, type JsonDocument, type TextPosition } from './json-reader.ts';
import { readJsonObjectStream, type JsonPiece } from './json-stream.ts';
import { isRecord } from './kv-commands.ts';
import type { History, Operation } from './operation.ts';

/**
 * Checks a decoded input and output (`undefined`: not observed); returns a problem or `undefined`.
 */
export type OperationValidator = (input: unknown, output: unknown) => string | undefined;

/** The `format` a JSON history may declare, and the only `version` there is. */
export const JSON_HISTORY_FORMAT = 'tslabs-history';
export const JSON_HISTORY_VERSION = 1;

const OPERATION_FIELDS = new Set(['process', 'call', 'return', 'input', 'output']);
const EVENT_FIELDS = new Set(['process', 'type', 'input', 'output']);

/**
 * The most operations (or events) a JSON history may have, as for edn: more would exhaust the
 * default heap while the checker builds its tables.
 */
export const JSON_OPERATIONS_MAX = EDN_OPERATIONS_MAX;

/**
 * Parses a history in the JSON format of `docs/lincheck-json-format.md`: either a list of
 * `operations` with call and return times, or a list of `events` in real-time order. The text
 * may come in pieces (a large file read a chunk at a time): the list is read an element at a
 * time, so memory follows the operations, not the text (see json-stream.ts). Every problem
 * throws {@link HistoryFormatError} at the line and column it concerns, including problems
 * `validate` finds in an operation's input or output, and a history past
 * {@link JSON_OPERATIONS_MAX} or with a value past `JSON_VALUE_CHARS_MAX` ("too large").
 */
export function parseJsonHistory(
  text: string | Iterable<string>,
  validate?: OperationValidator,
): History<unknown, unknown> {
  // The element being read gives the positions of its parts; a record kept for later (an
  // open call) keeps its own document. Nothing else keeps one: an operation's input and output
  // live as long as the history, and their documents (the parser's tables) need not.
  const documents = new WeakMap<object, JsonDocument>();
  let current: JsonDocument | undefined;
  const at = (container: object, key?: string): TextPosition => {
    const document = documents.get(container) ?? current;
    return (
      (key === undefined ? undefined : document?.memberPosition(container, key)) ??
      document?.positionOf(container) ?? { line: 1, column: 1 }
    );
  };
  const fail = (reason: string, position: TextPosition): never => {
    throw new HistoryFormatError(reason, position.line, position.column);
  };
  const reader: Reader = {
    at,
    fail,
    validate,
    register: (piece) => {
      current = piece.document;
      if (typeof piece.value === 'object' && piece.value !== null)
        documents.set(piece.value, piece.document);
    },
  };
  let list: ListReader | undefined;
  let listName: string | undefined;
  readJsonObjectStream(typeof text === 'string' ? [text] : text, LIST_NAMES, {
    member: (name, nameAt, piece) => {
      if (name === 'format') {
        if (piece.value !== JSON_HISTORY_FORMAT)
          fail(`"format" must be ${JSON.stringify(JSON_HISTORY_FORMAT)}`, nameAt);
      } else if (name === 'version') {
        if (piece.value !== JSON_HISTORY_VERSION)
          fail(
            `unsupported version ${describeJsonValue(piece.value)} (this checker reads version ${JSON_HISTORY_VERSION})`,
            nameAt,
          );
      } else if (LIST_NAMES.has(name)) {
        fail(`"${name}" must be an array`, nameAt);
      } else fail(`unknown member ${JSON.stringify(name)}`, nameAt);
    },
    arrayStart: (name) => {
      if (list !== undefined)
        fail('the history needs exactly one of "operations" and "events"', { line: 1, column: 1 });
      listName = name;
      list = name === 'operations' ? operationsReader(reader) : eventsReader(reader);
    },
    element: (_name, piece) => {
      reader.register(piece);
      (list as ListReader).add(piece);
    },
  });
  if (list === undefined || listName === undefined)
    return fail('the history needs exactly one of "operations" and "events"', {
      line: 1,
      column: 1,
    });
  return list.end();
}

const LIST_NAMES: ReadonlySet<string> = new Set(['operations', 'events']);

interface Reader {
  at(container: object, key?: string): TextPosition;
  fail(reason: string, position: TextPosition): never;
  readonly validate: OperationValidator | undefined;
  register(piece: JsonPiece): void;
}

/** Reads a history's list an element at a time. */
interface ListReader {
  add(piece: JsonPiece): void;
  end(): Operation<unknown, unknown>[];
}

function countedAdd(
  name: string,
  reader: Reader,
  add: (record: Record<string, unknown>, index: number) => void,
): (piece: JsonPiece) => void {
  let index = 0;
  return (piece) => {
    if (index >= JSON_OPERATIONS_MAX)
      reader.fail(
        `the history is too large: more than ${JSON_OPERATIONS_MAX.toLocaleString('en-US')} ${name}s`,
        piece.at,
      );
    const record = isRecord(piece.value)
      ? piece.value
      : reader.fail(`${name} ${index} must be an object`, piece.at);
    add(record, index++);
  };
}

function operationsReader(reader: Reader): ListReader {
  const at = reader.at.bind(reader);
  const operations: ReadOperation[] = [];
  const add = countedAdd('operation', reader, (record) => {
    checkFields(record, OPERATION_FIELDS, reader);
    const process = processOf(record, reader);
    const callTime = timeOf(record, 'call', reader);
    const returnTime =
      record.return === undefined || record.return === null
        ? undefined
        : timeOf(record, 'return', reader);
    if (returnTime !== undefined && returnTime < callTime)
      reader.fail(`"return" (${returnTime}) is before "call" (${callTime})`, at(record, 'return'));
    if (returnTime === undefined && record.output !== undefined)
      reader.fail(
        'an operation without "return" has an unknown outcome and no "output"',
        at(record, 'output'),
      );
    if (!Object.hasOwn(record, 'input')) reader.fail('the operation has no "input"', at(record));
    validateAt(record, reader);
    const line = at(record).line;
    operations.push(
      returnTime === undefined
        ? { process, callTime, input: record.input, line }
        : { process, callTime, returnTime, input: record.input, output: record.output, line },
    );
  });
  return { add, end: () => withExactTimes(operations) };
}

/** An operation as read, whose times may be integers beyond 2^53 (bigints). */
interface ReadOperation {
  readonly process: string;
  readonly callTime: Time;
  readonly returnTime?: Time;
  readonly input: unknown;
  readonly output?: unknown;
  readonly line: number;
}

type Time = number | bigint;

/**
 * The operations with number times. Only the order of times matters, and the checker keeps
 * them in doubles, which would round times beyond 2^53 (nanosecond clocks reach them) and
 * could make two different times equal. When a history has such times, each time is
 * replaced by its rank among the history's times: the same order and the same ties, exactly.
 */
function withExactTimes(operations: readonly ReadOperation[]): Operation<unknown, unknown>[] {
  const exact = (time: Time): boolean => typeof time === 'bigint';
  if (
    !operations.some(
      (operation) =>
        exact(operation.callTime) ||
        (operation.returnTime !== undefined && exact(operation.returnTime)),
    )
  ) {
    return operations as Operation<unknown, unknown>[];
  }
  // `<` compares a bigint and a number exactly, so the sort needs no conversion.
  const distinct = [
    ...new Set(
      operations
        .flatMap((operation) =>
          operation.returnTime === undefined
            ? [operation.callTime]
            : [operation.callTime, operation.returnTime],
        )
        .map(String),
    ),
  ]
    .map((text) => (/^-?\d+$/.test(text) ? BigInt(text) : Number(text)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((time, index) => [String(time), index]));
  const rankOf = (time: Time): number => rank.get(String(time)) as number;
  return operations.map(({ returnTime, callTime, ...rest }) =>
    returnTime === undefined
      ? { ...rest, callTime: rankOf(callTime) }
      : { ...rest, callTime: rankOf(callTime), returnTime: rankOf(returnTime) },
  );
}

function eventsReader(reader: Reader): ListReader {
  const at = reader.at.bind(reader);
  const operations: {
    process: string;
    callTime: number;
    returnTime?: number;
    input: unknown;
    output?: unknown;
    line: number;
  }[] = [];
  const open = new Map<string, { index: number; record: Record<string, unknown> }>();
  const add = countedAdd('event', reader, (record, time) => {
    checkFields(record, EVENT_FIELDS, reader);
    const process = processOf(record, reader);
    const call = open.get(process);
    switch (record.type) {
      case 'call':
        if (call !== undefined)
          reader.fail(
            `process ${process} calls again while its call at line ${at(call.record).line} is open`,
            at(record),
          );
        if (!Object.hasOwn(record, 'input')) reader.fail('a call event needs "input"', at(record));
        if (record.output !== undefined)
          reader.fail('a call event has no "output"', at(record, 'output'));
        open.set(process, { index: operations.length, record });
        operations.push({ process, callTime: time, input: record.input, line: at(record).line });
        return;
      case 'return':
      case 'unknown': {
        if (call === undefined)
          reader.fail(
            `process ${process} has no open call to ${record.type === 'return' ? 'return from' : 'close'}`,
            at(record),
          );
        if (record.input !== undefined)
          reader.fail(`a ${String(record.type)} event has no "input"`, at(record, 'input'));
        open.delete(process);
        const operation = operations[call.index] as (typeof operations)[number];
        if (record.type === 'unknown') {
          if (record.output !== undefined)
            reader.fail('an unknown outcome has no "output"', at(record, 'output'));
          return;
        }
        operation.returnTime = time;
        operation.output = record.output;
        validateAt({ ...record, input: operation.input }, reader, call.record);
        return;
      }
      default:
        reader.fail('"type" must be "call", "return" or "unknown"', at(record, 'type'));
    }
  });
  const end = (): Operation<unknown, unknown>[] => {
    for (const { record } of open.values()) validateAt(record, reader);
    return operations;
  };
  return { add, end };
}

function checkFields(
  record: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  reader: Reader,
): void {
  for (const key of Object.keys(record)) {
    if (!allowed.has(key))
      reader.fail(
        `unknown member ${JSON.stringify(key)} (expected ${[...allowed].join(', ')})`,
        reader.at(record, key),
      );
  }
}

function processOf(record: Record<string, unknown>, reader: Reader): string {
  const process = record.process;
  if (
    typeof process === 'string' ||
    typeof process === 'bigint' ||
    (typeof process === 'number' && Number.isInteger(process))
  )
    return String(process);
  return reader.fail('"process" must be a string or an integer', reader.at(record, 'process'));
}

function timeOf(record: Record<string, unknown>, key: 'call' | 'return', reader: Reader): Time {
  const time = record[key];
  if ((typeof time === 'number' && Number.isFinite(time)) || typeof time === 'bigint') return time;
  return reader.fail(`"${key}" must be a number`, reader.at(record, key));
}

/** Runs the validator; a problem is reported at the output if it has one, else at the input. */
function validateAt(
  record: Record<string, unknown>,
  reader: Reader,
  inputRecord: Record<string, unknown> = record,
): void {
  const problem = reader.validate?.(record.input, record.output);
  if (problem === undefined) return;
  const position =
    record.output !== undefined && reader.validate?.(record.input, undefined) === undefined
      ? reader.at(record, 'output')
      : reader.at(inputRecord, 'input');
  reader.fail(problem, position);
}
