import { JSON_VALUE_CHARS_MAX } from '../../framework/check/json-stream.ts';
import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  kvSpec,
  loadHistory,
  parseJsonHistory,
} from '../../framework/check/index.ts';
import { errorOf } from '../fixtures/history-format-error.ts';

const spec = kvSpec();
const validate = spec.validateOperation?.bind(spec);

describe('JSON histories', () => {
  it('read operations with call and return times; a missing return is an unknown outcome', () => {
    const text = `{
  "format": "tslabs-history",
  "version": 1,
  "operations": [
    { "process": "client1", "call": 0, "return": 5, "input": { "kind": "Put", "key": "x", "value": "1" }, "output": { "kind": "PutOk" } },
    { "process": 2, "call": 3, "input": { "kind": "Get", "key": "x" } },
    { "process": "client3", "call": 4, "return": 9, "input": { "kind": "Append", "key": "x", "value": "2" } }
  ]
}`;
    expect(parseJsonHistory(text, validate)).toEqual([
      {
        process: 'client1',
        callTime: 0,
        returnTime: 5,
        input: { kind: 'Put', key: 'x', value: '1' },
        output: { kind: 'PutOk' },
        line: 5,
      },
      { process: '2', callTime: 3, input: { kind: 'Get', key: 'x' }, line: 6 },
      {
        process: 'client3',
        callTime: 4,
        returnTime: 9,
        input: { kind: 'Append', key: 'x', value: '2' },
        output: undefined,
        line: 7,
      },
    ]);
  });

  it('read events in real-time order, where the order is the clock', () => {
    const text = JSON.stringify({
      events: [
        { process: 'a', type: 'call', input: { kind: 'Put', key: 'x', value: '1' } },
        { process: 'b', type: 'call', input: { kind: 'Get', key: 'x' } },
        { process: 'a', type: 'return', output: { kind: 'PutOk' } },
        { process: 'b', type: 'unknown' },
        { process: 'c', type: 'call', input: { kind: 'Get', key: 'x' } },
      ],
    });
    expect(parseJsonHistory(text, validate)).toEqual([
      {
        process: 'a',
        callTime: 0,
        returnTime: 2,
        input: { kind: 'Put', key: 'x', value: '1' },
        output: { kind: 'PutOk' },
        line: 1,
      },
      { process: 'b', callTime: 1, input: { kind: 'Get', key: 'x' }, line: 1 },
      { process: 'c', callTime: 4, input: { kind: 'Get', key: 'x' }, line: 1 },
    ]);
  });

  const malformed: [string, string, number, number, string][] = [
    [
      'a syntax error',
      '{\n  "operations": [\n    { "process": "a", }\n  ]\n}',
      3,
      23,
      'expected a member name',
    ],
    ['an unclosed string', '{"operations": [\n"x]}', 2, 1, 'the string is not closed'],
    ['trailing text', '{"operations": []} []', 1, 20, 'unexpected text after the JSON value'],
    ['a root that is not an object', '[]', 1, 1, 'must be a JSON object'],
    ['both lists', '{"operations": [], "events": []}', 1, 1, 'exactly one of'],
    ['a newer version', '{"version": 2, "operations": []}', 1, 2, 'unsupported version 2'],
    [
      'an unknown member',
      '{"operations": [\n  {"process": "a", "call": 0, "input": {"kind": "Get", "key": "x"}, "retrun": 3}\n]}',
      2,
      69,
      'unknown member "retrun"',
    ],
    [
      'a time that is not a number',
      '{"operations": [\n  {"process": "a", "call": "0", "input": {"kind": "Get", "key": "x"}}\n]}',
      2,
      20,
      '"call" must be a number',
    ],
    [
      'a return before the call',
      '{"operations": [\n  {"process": "a", "call": 5, "return": 4, "input": {"kind": "Get", "key": "x"}}\n]}',
      2,
      31,
      'is before "call"',
    ],
    [
      'an output without a return',
      '{"operations": [\n  {"process": "a", "call": 5, "input": {"kind": "Get", "key": "x"}, "output": {"kind": "KeyNotFound"}}\n]}',
      2,
      69,
      'unknown outcome and no "output"',
    ],
    [
      'an input the spec does not know',
      '{"operations": [\n  {"process": "a", "call": 0, "input": {"kind": "Delete", "key": "x"}}\n]}',
      2,
      31,
      'unknown command kind "Delete"',
    ],
    [
      'an output that cannot answer the input',
      '{"operations": [\n  {"process": "a", "call": 0, "return": 1,\n   "input": {"kind": "Get", "key": "x"},\n   "output": {"kind": "PutOk"}}\n]}',
      4,
      4,
      'PutOk cannot answer Get',
    ],
    [
      'a return with no open call',
      '{"events": [\n  {"process": "a", "type": "return", "output": {"kind": "PutOk"}}\n]}',
      2,
      3,
      'has no open call',
    ],
    [
      'a second call while one is open',
      '{"events": [\n  {"process": "a", "type": "call", "input": {"kind": "Get", "key": "x"}},\n  {"process": "a", "type": "call", "input": {"kind": "Get", "key": "x"}}\n]}',
      3,
      3,
      'calls again while its call at line 2 is open',
    ],
  ];
  for (const [what, text, line, column, message] of malformed) {
    it(`report ${what} at its line and column`, () => {
      const error = errorOf(() => parseJsonHistory(text, validate));
      expect({ line: error.line, column: error.column }).toEqual({ line, column });
      expect(error.message).toContain(message);
    });
  }

  it('are checked against our KV model, where a missing key is not the empty string', () => {
    const text = JSON.stringify({
      operations: [
        {
          process: 'a',
          call: 0,
          return: 1,
          input: { kind: 'Append', key: 'x', value: '' },
          output: { kind: 'AppendResult', value: '' },
        },
        {
          process: 'a',
          call: 2,
          return: 3,
          input: { kind: 'Get', key: 'y' },
          output: { kind: 'GetResult', value: '' },
        },
      ],
    });
    const ours = loadHistory(text, 'json', 'kv');
    expect(checkLinearizability(ours.history, ours.spec).verdict).toBe('not linearizable');
    const porcupines = loadHistory(text, 'json', 'kv', { missingKey: 'empty' });
    expect(checkLinearizability(porcupines.history, porcupines.spec).verdict).toBe('linearizable');
  });
});

describe('a JSON history read in pieces', () => {
  const text =
    '{"format": "tslabs-history",\n "operations": [\n  {"process": "a", "call": 0, "return": 1, "input": {"kind": "Get", "key": "x\\"y"}},\n  {"process": 2, "call": 1, "input": {"kind": "Get", "key": "x"}}\n ]}';

  it('reads the same operations wherever the pieces are cut', () => {
    const whole = parseJsonHistory(text);
    for (let cut = 1; cut < text.length; cut++)
      expect(parseJsonHistory([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it('reports a problem at its line and column in the file, not in its piece', () => {
    const bad = text.replace('"call": 1', '"call": "1"');
    for (const cut of [10, 60, 120]) {
      const error = errorOf(() => parseJsonHistory([bad.slice(0, cut), bad.slice(cut)]));
      expect({ line: error.line, column: error.column }).toEqual({ line: 4, column: 18 });
    }
  });

  it('refuses a value longer than JSON_VALUE_CHARS_MAX as too large', () => {
    const long = `{"operations": [{"process": "a", "call": 0, "input": "${'v'.repeat(JSON_VALUE_CHARS_MAX)}"}]}`;
    expect(errorOf(() => parseJsonHistory(long)).message).toContain(
      'the history is too large: a value longer than 1,048,576 characters',
    );
  });
});
