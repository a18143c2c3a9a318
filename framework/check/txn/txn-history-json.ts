import { HistoryFormatError } from '../history-format-error.ts';
import { describeJsonValue, readJson, type TextPosition } from '../json-reader.ts';
import type { MicroOperation, TxnEvent, TxnEventType, TxnKey } from './transaction.ts';

/** The `format` a JSON transactional history may declare, and the only `version` there is. */
export const JSON_TXN_HISTORY_FORMAT = 'tslabs-txn-history';
export const JSON_TXN_HISTORY_VERSION = 1;

const EVENT_TYPES: readonly TxnEventType[] = ['invoke', 'ok', 'fail', 'info'];
const FUNCTIONS = ['append', 'r', 'w'] as const;
const ROOT_MEMBERS = new Set(['format', 'version', 'events']);
const EVENT_MEMBERS = new Set(['process', 'type', 'value']);

/**
 * Reads a transactional history in the JSON form of `docs/txncheck-json-format.md`: an
 * object whose `events` list Jepsen's events in real-time order, micro-operations written
 * `["append", key, value]`, `["r", key, value]`, `["w", key, value]`. Every problem throws
 * `HistoryFormatError` at its line and column.
 */
export function txnEventsFromJson(text: string): TxnEvent[] {
  const document = readJson(text);
  const at = (container: object, key?: string): TextPosition =>
    (key === undefined ? undefined : document.memberPosition(container, key)) ??
    document.positionOf(container) ?? { line: 1, column: 1 };
  const fail = (reason: string, position: TextPosition): never => {
    throw new HistoryFormatError(reason, position.line, position.column);
  };
  const root = document.value;
  if (!isObject(root))
    return fail('the history must be a JSON object with "events"', { line: 1, column: 1 });
  for (const key of Object.keys(root))
    if (!ROOT_MEMBERS.has(key)) fail(`unknown member ${JSON.stringify(key)}`, at(root, key));
  if (root.format !== undefined && root.format !== JSON_TXN_HISTORY_FORMAT)
    fail(`"format" must be ${JSON.stringify(JSON_TXN_HISTORY_FORMAT)}`, at(root, 'format'));
  if (root.version !== undefined && root.version !== JSON_TXN_HISTORY_VERSION)
    fail(
      `unsupported version ${describeJsonValue(root.version)} (this checker reads version ${JSON_TXN_HISTORY_VERSION})`,
      at(root, 'version'),
    );
  const list = root.events;
  if (!Array.isArray(list)) return fail('"events" must be a list of events', at(root, 'events'));
  return (list as unknown[]).map((event): TxnEvent => {
    if (!isObject(event)) return fail('an event must be an object', at(list));
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
        process: process as string | number,
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
      process: process as string | number,
      type: type as TxnEventType,
      value: operations,
      line: position.line,
    };
  });
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
