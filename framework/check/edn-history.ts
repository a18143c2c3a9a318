import {
  describeEdnValue,
  ednLines,
  isEdnKeyword,
  type EdnLine,
  type EdnValue,
} from './edn-reader.ts';
import { HistoryFormatError } from './history-format-error.ts';
import type { KVCommand, KVResult } from './kv-commands.ts';
import type { History, Operation } from './operation.ts';
import type { RegisterCommand, RegisterResult, RegisterValue } from './register-spec.ts';

/**
 * One call of a Jepsen/Porcupine edn history with its completion. Line numbers are the
 * clock: the file lists events in real-time order.
 */
export interface EdnOperation {
  readonly process: string;
  /** The function called, such as `get` (the keyword's name). */
  readonly f: string;
  /** The `:key` of the call, if any. */
  readonly key: EdnValue | undefined;
  /** The `:value` of the call. */
  readonly callValue: EdnValue | undefined;
  /** The `:value` of the `:ok` completion; `undefined` for an unknown outcome. */
  readonly returnValue: EdnValue | undefined;
  readonly callLine: number;
  /** The line of the `:ok`; `undefined` for `:info` or a call never completed (unknown outcome). */
  readonly returnLine: number | undefined;
}

/**
 * The most operations an edn history may have: more would exhaust the default heap while the
 * checker builds its tables, which ends the process with a native stack rather than a line.
 */
export const EDN_OPERATIONS_MAX = 4_000_000;

/**
 * The lines of an edn history: its text, or its lines one at a time (without line breaks) as a
 * reader of a large file gives them.
 */
export type EdnText = string | Iterable<string>;

function historyLines(text: EdnText): Iterable<EdnLine> {
  return ednLines(typeof text === 'string' ? text.split('\n') : text);
}

/**
 * Pairs the events of an edn history into operations, with Jepsen's meanings: `:ok`
 * returned; `:fail` certainly took no effect (the call is dropped); `:info` or no
 * completion at all is an unknown outcome. Events of non-client processes (such as
 * `:nemesis`) are skipped.
 */
export function pairEdnEvents(lines: Iterable<EdnLine>): EdnOperation[] {
  const open = new Map<string, { line: EdnLine; index: number }>();
  const slots: (EdnOperation | undefined)[] = [];
  for (const line of lines) {
    const process = processOf(line);
    if (process === undefined) continue;
    const type = line.map.get('type');
    if (!isEdnKeyword(type) || !['invoke', 'ok', 'fail', 'info'].includes(type.keyword)) {
      throw new HistoryFormatError(
        `:type must be :invoke, :ok, :fail or :info, not ${describeEdnValue(type)}`,
        line.line,
      );
    }
    const call = open.get(process);
    if (type.keyword === 'invoke') {
      if (slots.length >= EDN_OPERATIONS_MAX)
        throw new HistoryFormatError(
          `the history is too large: more than ${EDN_OPERATIONS_MAX.toLocaleString('en-US')} operations`,
          line.line,
        );
      if (call !== undefined)
        throw new HistoryFormatError(
          `process ${process} calls again while its call from line ${call.line.line} is open`,
          line.line,
        );
      functionOf(line);
      open.set(process, { line, index: slots.length });
      slots.push(undefined);
      continue;
    }
    if (call === undefined)
      throw new HistoryFormatError(
        `:${type.keyword} for process ${process}, which has no open call`,
        line.line,
      );
    if (functionOf(line) !== functionOf(call.line))
      throw new HistoryFormatError(
        `the completion's :f differs from its call's (line ${call.line.line})`,
        line.line,
      );
    open.delete(process);
    if (type.keyword === 'fail') continue;
    slots[call.index] = ednOperation(process, call.line, type.keyword === 'ok' ? line : undefined);
  }
  for (const [process, call] of open)
    slots[call.index] = ednOperation(process, call.line, undefined);
  return slots.filter((slot) => slot !== undefined);
}

function ednOperation(
  process: string,
  call: EdnLine,
  completion: EdnLine | undefined,
): EdnOperation {
  return {
    process,
    f: functionOf(call),
    key: call.map.get('key'),
    callValue: call.map.get('value'),
    returnValue: completion?.map.get('value'),
    callLine: call.line,
    returnLine: completion?.line,
  };
}

function processOf(line: EdnLine): string | undefined {
  const process = line.map.get('process');
  if (typeof process === 'number' || typeof process === 'bigint' || typeof process === 'string')
    return String(process);
  if (isEdnKeyword(process)) return undefined;
  throw new HistoryFormatError(
    `:process must be a number or a string, not ${describeEdnValue(process)}`,
    line.line,
  );
}

function functionOf(line: EdnLine): string {
  const f = line.map.get('f');
  if (!isEdnKeyword(f))
    throw new HistoryFormatError(
      `:f must be a keyword such as :get, not ${describeEdnValue(f)}`,
      line.line,
    );
  return f.keyword;
}

/**
 * A key-value history from edn, in Porcupine's model: `:get` returns the value read,
 * `:put` and `:append` echo their argument, which carries no information (so their output
 * is left unobserved). A `nil` read means a missing key.
 */
export function kvHistoryFromEdn(text: EdnText): History<KVCommand, KVResult> {
  return kvHistoryFromEdnLines(historyLines(text));
}

/** {@link kvHistoryFromEdn} from lines already read (`ednLines`, `readEdnLines`). */
export function kvHistoryFromEdnLines(lines: Iterable<EdnLine>): History<KVCommand, KVResult> {
  return pairEdnEvents(lines).map((operation): Operation<KVCommand, KVResult> => {
    const key = ednString(operation.key, 'key', operation.callLine);
    switch (operation.f) {
      case 'get': {
        const value = operation.returnValue;
        const output: KVResult | undefined =
          operation.returnLine === undefined
            ? undefined
            : value === null || value === undefined
              ? { kind: 'KeyNotFound' }
              : { kind: 'GetResult', value: ednString(value, 'value', operation.returnLine) };
        return historyOperation<KVCommand, KVResult>(operation, { kind: 'Get', key }, output);
      }
      case 'put':
      case 'append':
        return historyOperation<KVCommand, KVResult>(
          operation,
          {
            kind: operation.f === 'put' ? 'Put' : 'Append',
            key,
            value: ednString(operation.callValue, 'value', operation.callLine),
          },
          undefined,
        );
      default:
        throw new HistoryFormatError(
          `unknown :f :${operation.f} for a key-value history (expected :get, :put or :append)`,
          operation.callLine,
        );
    }
  });
}

/**
 * The checker's operation for a paired edn one. One object literal with every field, in one
 * order: objects built by spreading a shared base and adding fields got a hidden class each in
 * V8 (a quarter of a large history's memory), where these share one.
 */
function historyOperation<Input, Output>(
  operation: EdnOperation,
  input: Input,
  output: Output | undefined,
): Operation<Input, Output> {
  return {
    process: operation.process,
    callTime: operation.callLine,
    returnTime: operation.returnLine,
    line: operation.callLine,
    input,
    output,
  };
}

/**
 * A register history from edn, in Jepsen's model: `:read` returns the value, `:write`
 * takes one, `:cas` takes `[expected new]` and completes `:ok` only if it swapped (a
 * `:fail`ed cas took no effect and is dropped).
 */
export function registerHistoryFromEdn(text: EdnText): History<RegisterCommand, RegisterResult> {
  return pairEdnEvents(historyLines(text)).map(
    (operation): Operation<RegisterCommand, RegisterResult> => {
      const known = operation.returnLine !== undefined;
      const made = (input: RegisterCommand, output: RegisterResult | undefined) =>
        historyOperation<RegisterCommand, RegisterResult>(
          operation,
          input,
          known ? output : undefined,
        );
      switch (operation.f) {
        case 'read':
          return made(
            { kind: 'Read' },
            known
              ? {
                  kind: 'ReadResult',
                  value: ednScalar(operation.returnValue, operation.returnLine),
                }
              : undefined,
          );
        case 'write':
          return made(
            { kind: 'Write', value: ednScalar(operation.callValue, operation.callLine) },
            { kind: 'WriteOk' },
          );
        case 'cas': {
          const pair = operation.callValue;
          if (!Array.isArray(pair) || pair.length !== 2)
            throw new HistoryFormatError(
              `:cas needs :value [expected new], not ${describeEdnValue(pair)}`,
              operation.callLine,
            );
          const [expected, value] = (pair as EdnValue[]).map((item) =>
            ednScalar(item, operation.callLine),
          ) as [RegisterValue, RegisterValue];
          return made(
            { kind: 'CompareAndSet', expected, value },
            { kind: 'CompareAndSetResult', swapped: true },
          );
        }
        default:
          throw new HistoryFormatError(
            `unknown :f :${operation.f} for a register history (expected :read, :write or :cas)`,
            operation.callLine,
          );
      }
    },
  );
}

function ednString(value: EdnValue | undefined, field: string, line: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new HistoryFormatError(`:${field} must be a string, not ${describeEdnValue(value)}`, line);
}

function ednScalar(value: EdnValue | undefined, line: number): RegisterValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean'
  )
    return value;
  throw new HistoryFormatError(
    `a register value must be a number, string, boolean or nil, not ${describeEdnValue(value)}`,
    line,
  );
}
