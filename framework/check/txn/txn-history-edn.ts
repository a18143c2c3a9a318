import { EDN_OPERATIONS_MAX, type EdnText } from '../edn-history.ts';
import {
  describeEdnValue,
  ednLines,
  isEdnKeyword,
  type EdnLine,
  type EdnValue,
} from '../edn-reader.ts';
import { HistoryFormatError } from '../history-format-error.ts';
import type { MicroOperation, TxnEvent, TxnEventType, TxnKey } from './transaction.ts';

const EVENT_TYPES: readonly TxnEventType[] = ['invoke', 'ok', 'fail', 'info'];
const FUNCTIONS = ['append', 'r', 'w'] as const;

/**
 * Reads a Jepsen transactional history in edn: one map per line, such as
 * `{:process 0, :type :ok, :f :txn, :value [[:append 1 3] [:r 2 [1 2]]]}`. Events of
 * processes that are keywords (`:nemesis`) are skipped. The text may come as its lines, one
 * at a time (a large file's reader), so that memory follows the events, not the text.
 * Malformed input throws `HistoryFormatError` with the line (and the column, for bad syntax),
 * as does a history of more than 4,000,000 events ("too large").
 */
export function txnEventsFromEdn(text: EdnText): TxnEvent[] {
  const events: TxnEvent[] = [];
  for (const line of ednLines(typeof text === 'string' ? text.split('\n') : text)) {
    if (events.length >= EDN_OPERATIONS_MAX)
      fail(
        `the history is too large: more than ${EDN_OPERATIONS_MAX.toLocaleString('en-US')} events`,
        line,
      );
    const process = line.map.get('process');
    if (isEdnKeyword(process)) continue;
    if (typeof process !== 'number' && typeof process !== 'string' && typeof process !== 'bigint')
      fail(`:process must be a number or a string, not ${describeEdnValue(process)}`, line);
    const type = line.map.get('type');
    const typeName = isEdnKeyword(type) ? type.keyword : undefined;
    if (typeName === undefined || !(EVENT_TYPES as readonly string[]).includes(typeName))
      fail(`:type must be :invoke, :ok, :fail or :info, not ${describeEdnValue(type)}`, line);
    events.push({
      process: typeof process === 'bigint' ? String(process) : process,
      type: typeName as TxnEventType,
      value: microOperations(line.map.get('value'), typeName as TxnEventType, line),
      line: line.line,
    });
  }
  return events;
}

function fail(reason: string, line: EdnLine): never {
  throw new HistoryFormatError(reason, line.line);
}

function microOperations(
  value: EdnValue | undefined,
  type: TxnEventType,
  line: EdnLine,
): MicroOperation[] {
  // A failed or indeterminate completion may leave the transaction out.
  if ((value === null || value === undefined) && type !== 'invoke' && type !== 'ok') return [];
  if (!Array.isArray(value))
    fail(
      `:value must be a vector of micro-operations such as [[:append 1 3] [:r 2 nil]], not ${describeEdnValue(value)}`,
      line,
    );
  return (value as readonly EdnValue[]).map((item) => microOperation(item, line));
}

function microOperation(item: EdnValue, line: EdnLine): MicroOperation {
  if (!Array.isArray(item) || item.length !== 3)
    fail(`a micro-operation is [f key value], not ${describeEdnValue(item)}`, line);
  const [f, key, value] = item as readonly EdnValue[];
  const name = isEdnKeyword(f) ? f.keyword : undefined;
  if (name === undefined || !(FUNCTIONS as readonly string[]).includes(name))
    fail(`a micro-operation's function is :append, :r or :w, not ${describeEdnValue(f)}`, line);
  return {
    f: name as MicroOperation['f'],
    key: scalar(key as EdnValue, line),
    value: plainValue(value as EdnValue, line),
  };
}

function scalar(value: EdnValue, line: EdnLine): TxnKey {
  if (isEdnKeyword(value)) return `:${value.keyword}`;
  if (value === null || typeof value !== 'object') return value;
  return fail(
    `a key or element must be a number, string or keyword, not ${describeEdnValue(value)}`,
    line,
  );
}

function plainValue(value: EdnValue, line: EdnLine): unknown {
  if (Array.isArray(value)) return (value as readonly EdnValue[]).map((item) => scalar(item, line));
  return scalar(value, line);
}
