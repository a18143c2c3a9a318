import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  kvSpec,
  loadHistory,
  parseJsonHistory,
  readEdnLines,
  registerHistoryFromEdn,
} from '../../framework/check/index.ts';
import { errorOf } from '../fixtures/history-format-error.ts';

const spec = kvSpec();
const validate = spec.validateOperation?.bind(spec);
/** 2^53 + 1: the first integer a double cannot hold (it rounds to 2^53). */
const BEYOND_DOUBLES = '9007199254740993';
const ROUNDED = '9007199254740992';

describe('history files as untrusted input', () => {
  it('"__proto__" in a JSON history is a member like any other: unknown, so an error at its place', () => {
    // As a prototype, its hidden "return" and "output" would have made this a returned Get of
    // "zzz".
    const text =
      '{"operations": [\n  {"process": "a", "call": 0, "__proto__": {"return": 5, "output": {"kind": "GetResult", "value": "zzz"}}, "input": {"kind": "Get", "key": "x"}}\n]}';
    const error = errorOf(() => parseJsonHistory(text, validate));
    expect(error.message).toContain('unknown member "__proto__"');
    expect({ line: error.line, column: error.column }).toEqual({ line: 2, column: 31 });
    expect(
      errorOf(() => parseJsonHistory('{"__proto__": {"operations": []}, "events": []}', validate))
        .message,
    ).toContain('unknown member "__proto__"');
  });

  it('"__proto__" inside an input stays an own member, never the prototype', () => {
    const [operation] = parseJsonHistory(
      '{"operations": [{"process": "a", "call": 0, "input": {"kind": "Get", "key": "x", "__proto__": {"polluted": true}}}]}',
      validate,
    );
    const input = operation?.input as Record<string, unknown>;
    expect(Object.hasOwn(input, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(input.polluted).toBeUndefined();
  });

  it('edn nesting deeper than the limit is a format error with its line, not a stack overflow', () => {
    const deep = `{:process 0, :type :invoke, :f :get, :key ${'['.repeat(6_000)}${']'.repeat(6_000)}}`;
    const error = errorOf(() => readEdnLines(`\n${deep}`));
    expect(error.message).toContain('nesting deeper than 512');
    expect(error.line).toBe(2);
    // At the limit it still reads.
    expect(readEdnLines(`{:a ${'['.repeat(511)}${']'.repeat(511)}}`)).toHaveLength(1);
  });

  it('reads integers beyond 2^53 exactly, in edn and JSON: a read of the rounded value is a violation', () => {
    const edn = [
      `{:process 0, :type :invoke, :f :write, :value ${BEYOND_DOUBLES}}`,
      `{:process 0, :type :ok, :f :write, :value ${BEYOND_DOUBLES}}`,
      '{:process 1, :type :invoke, :f :read, :value nil}',
      `{:process 1, :type :ok, :f :read, :value ${ROUNDED}}`,
    ].join('\n');
    const fromEdn = loadHistory(edn, 'edn', 'register');
    expect(checkLinearizability(fromEdn.history, fromEdn.spec).verdict).toBe('not linearizable');
    const json = (read: string): string =>
      `{"operations": [{"process": "a", "call": 0, "return": 1, "input": {"kind": "Write", "value": ${BEYOND_DOUBLES}}, "output": {"kind": "WriteOk"}}, {"process": "b", "call": 2, "return": 3, "input": {"kind": "Read"}, "output": {"kind": "ReadResult", "value": ${read}}}]}`;
    const rounded = loadHistory(json(ROUNDED), 'json', 'register');
    expect(checkLinearizability(rounded.history, rounded.spec).verdict).toBe('not linearizable');
    const exact = loadHistory(json(BEYOND_DOUBLES), 'json', 'register');
    expect(checkLinearizability(exact.history, exact.spec).verdict).toBe('linearizable');
  });

  it('reads edn key-value values beyond 2^53 as their exact digits', () => {
    const [put] = registerHistoryFromEdn(
      `{:process 0, :type :invoke, :f :write, :value ${BEYOND_DOUBLES}}`,
    );
    expect(put?.input).toEqual({ kind: 'Write', value: BigInt(BEYOND_DOUBLES) });
    const history = loadHistory(
      `{:process 0, :type :invoke, :f :put, :key "k", :value ${BEYOND_DOUBLES}}`,
      'edn',
      'kv',
    ).history;
    expect(history[0]?.input).toEqual({ kind: 'Put', key: 'k', value: BEYOND_DOUBLES });
  });

  it('orders JSON times beyond 2^53 exactly: times a double would make equal still order the operations', () => {
    // Nanosecond clocks: as doubles, all four times round to the same value, and the two
    // operations would be concurrent, so the stale read would pass.
    const text = `{"operations": [
      {"process": "a", "call": 1700000000000000001, "return": 1700000000000000002, "input": {"kind": "Write", "value": 1}, "output": {"kind": "WriteOk"}},
      {"process": "b", "call": 1700000000000000003, "return": 1700000000000000004, "input": {"kind": "Read"}, "output": {"kind": "ReadResult", "value": null}}
    ]}`;
    const loaded = loadHistory(text, 'json', 'register');
    expect(checkLinearizability(loaded.history, loaded.spec).verdict).toBe('not linearizable');
    expect(loaded.history.map((operation) => [operation.callTime, operation.returnTime])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('a bigint where a name or version belongs is reported, not a TypeError', () => {
    expect(
      errorOf(() => parseJsonHistory(`{"version": ${BEYOND_DOUBLES}, "operations": []}`, validate))
        .message,
    ).toContain(`unsupported version ${BEYOND_DOUBLES}`);
    expect(
      errorOf(() =>
        parseJsonHistory(
          `{"operations": [{"process": "a", "call": 0, "input": {"kind": ${BEYOND_DOUBLES}}}]}`,
          validate,
        ),
      ).message,
    ).toContain(`unknown command kind ${BEYOND_DOUBLES}`);
  });
});
