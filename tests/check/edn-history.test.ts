import { describe, expect, it } from 'vitest';
import {
  kvHistoryFromEdn,
  readEdnLines,
  registerHistoryFromEdn,
} from '../../framework/check/index.ts';
import { errorOf } from '../fixtures/history-format-error.ts';

describe('edn histories', () => {
  it("read Porcupine's key-value lines into operations timed by line number", () => {
    const text = [
      '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}',
      '{:process 1, :type :invoke, :f :get, :key "0", :value nil}',
      '{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}',
      '{:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}',
      '{:process 2, :type :invoke, :f :put, :key "1", :value "v"}',
    ].join('\n');
    expect(kvHistoryFromEdn(text)).toEqual([
      {
        process: '0',
        callTime: 1,
        returnTime: 3,
        line: 1,
        input: { kind: 'Append', key: '0', value: 'x 0 0 y' },
      },
      {
        process: '1',
        callTime: 2,
        returnTime: 4,
        line: 2,
        input: { kind: 'Get', key: '0' },
        output: { kind: 'GetResult', value: 'x 0 0 y' },
      },
      // Never completed: an unknown outcome.
      {
        process: '2',
        callTime: 5,
        returnTime: undefined,
        line: 5,
        input: { kind: 'Put', key: '1', value: 'v' },
      },
    ]);
  });

  it('drop :fail calls (they took no effect), keep :info ones as unknown outcomes, and skip the nemesis', () => {
    const text = [
      '{:process 0, :type :invoke, :f :write, :value 1}',
      '{:process :nemesis, :type :info, :f :start, :value nil}',
      '{:process 0, :type :fail, :f :write, :value 1}',
      '{:process 0, :type :invoke, :f :cas, :value [1 2]}',
      '{:process 0, :type :info, :f :cas, :value [1 2]}',
      '{:process 1, :type :invoke, :f :read, :value nil}',
      '{:process 1, :type :ok, :f :read, :value nil} ; a comment',
    ].join('\n');
    expect(registerHistoryFromEdn(text)).toEqual([
      {
        process: '0',
        callTime: 4,
        returnTime: undefined,
        line: 4,
        input: { kind: 'CompareAndSet', expected: 1, value: 2 },
      },
      {
        process: '1',
        callTime: 6,
        returnTime: 7,
        line: 6,
        input: { kind: 'Read' },
        output: { kind: 'ReadResult', value: null },
      },
    ]);
  });

  it('read strings with escapes, numbers, keywords, vectors and nested maps', () => {
    const [line] = readEdnLines('{:a "q\\"\\n", :b -12.5, :c [1 :k nil true], :d {:e false}}');
    expect(line?.map).toEqual(
      new Map<string, unknown>([
        ['a', 'q"\n'],
        ['b', -12.5],
        ['c', [1, { keyword: 'k' }, null, true]],
        ['d', new Map([['e', false]])],
      ]),
    );
  });

  const malformed: [string, string, number, string][] = [
    [
      'an unclosed string',
      '{:process 0, :type :invoke, :f :get, :key "0}',
      1,
      'the string is not closed',
    ],
    ['an unclosed map', '\n{:process 0, :type :invoke', 2, 'the map is not closed'],
    ['a key without value', '{:process 0, :type}', 1, 'the key :type has no value'],
    ['a non-keyword key', '{"process" 0}', 1, 'map keys must be keywords'],
    ['text after the map', '{:process 0} x', 1, 'unexpected text after the map'],
    ['a line that is not a map', '[1 2]', 1, 'each line must be one map'],
    ['an unknown type', '{:process 0, :type :begin, :f :get}', 1, ':type must be'],
    [
      'a completion without a call',
      '{:process 0, :type :invoke, :f :get, :key "a"}\n{:process 0, :type :ok, :f :get, :key "a", :value "1"}\n{:process 0, :type :ok, :f :get, :key "a", :value "1"}',
      3,
      'has no open call',
    ],
    [
      'a second call while one is open',
      '{:process 0, :type :invoke, :f :get, :key "a"}\n\n{:process 0, :type :invoke, :f :get, :key "a"}',
      3,
      'calls again while its call from line 1 is open',
    ],
    [
      'a completion of another function',
      '{:process 0, :type :invoke, :f :get, :key "a"}\n{:process 0, :type :ok, :f :put, :key "a", :value "1"}',
      2,
      "completion's :f differs",
    ],
    [
      'an unknown function',
      '{:process 0, :type :invoke, :f :delete, :key "a"}',
      1,
      'unknown :f :delete',
    ],
    ['a missing key', '{:process 0, :type :invoke, :f :get}', 1, ':key must be a string'],
  ];
  for (const [what, text, line, message] of malformed) {
    it(`report ${what} with its line`, () => {
      const error = errorOf(() => kvHistoryFromEdn(text));
      expect(error.line).toBe(line);
      expect(error.message).toContain(message);
      expect(error.message).toMatch(new RegExp(`^line ${line}\\b`));
    });
  }

  it('report the column of a syntax error', () => {
    expect(errorOf(() => readEdnLines('{:a 1, :b @}')).column).toBe(11);
  });
});
