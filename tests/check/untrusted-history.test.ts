import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  EDN_OPERATIONS_MAX,
  kvSpec,
  pairEdnEvents,
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
  it('refuses a history of more than EDN_OPERATIONS_MAX (4,000,000) operations as too large, at the line past it', () => {
    // A stream of 4M+1 calls, each failed (so none is kept): the limit counts calls, which is
    // what the checker's tables grow with. The lines are parsed once and handed over again, so
    // the test times the limit, not the parser.
    const [invoke, fail] = readEdnLines(
      '{:process 0, :type :invoke, :f :get, :key "k", :value nil}\n{:process 0, :type :fail, :f :get, :key "k", :value nil}',
    );
    if (invoke === undefined || fail === undefined) throw new Error('the lines did not parse');
    const [invokeMap, failMap] = [invoke.map, fail.map];
    function* calls(count: number): Generator<{ line: number; map: typeof invokeMap }> {
      for (let index = 0; index < count; index++) {
        yield { line: 2 * index + 1, map: invokeMap };
        yield { line: 2 * index + 2, map: failMap };
      }
    }
    expect(EDN_OPERATIONS_MAX).toBe(4_000_000);
    const error = errorOf(() => pairEdnEvents(calls(EDN_OPERATIONS_MAX + 1)));
    expect(error.message).toBe(
      'line 8000001: the history is too large: more than 4,000,000 operations',
    );
    expect(error.line).toBe(2 * EDN_OPERATIONS_MAX + 1);
  });

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
