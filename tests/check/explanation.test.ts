import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  formatExplanation,
  kvSpec,
  type History,
  type KVCommand,
  type KVResult,
} from '../../framework/check/index.ts';

/**
 * A stale read: client2 reads "1" after client1's append of "2" to it has returned, while
 * client3's concurrent put is unrelated to key x.
 */
const staleRead: History<KVCommand, KVResult> = [
  {
    process: 'client1',
    callTime: 0,
    returnTime: 10,
    input: { kind: 'Put', key: 'x', value: '1' },
    output: { kind: 'PutOk' },
  },
  {
    process: 'client1',
    callTime: 20,
    returnTime: 30,
    input: { kind: 'Append', key: 'x', value: '2' },
    output: { kind: 'AppendResult', value: '12' },
  },
  {
    process: 'client3',
    callTime: 25,
    returnTime: 45,
    input: { kind: 'Put', key: 'y', value: '7' },
    output: { kind: 'PutOk' },
  },
  {
    process: 'client2',
    callTime: 40,
    returnTime: 50,
    input: { kind: 'Get', key: 'x' },
    output: { kind: 'GetResult', value: '1' },
  },
  {
    process: 'client2',
    callTime: 60,
    returnTime: 70,
    input: { kind: 'Get', key: 'x' },
    output: { kind: 'GetResult', value: '12' },
  },
];

describe('the explanation of a violation', () => {
  const result = checkLinearizability(staleRead, kvSpec(), { checkAllPartitions: true });

  it('is data: the longest linearizable prefix with states, and the operation that cannot come next with what the spec expected', () => {
    expect(result.verdict).toBe('not linearizable');
    expect(result.partitions.map(({ label, verdict }) => ({ label, verdict }))).toEqual([
      { label: 'key "x"', verdict: 'not linearizable' },
      { label: 'key "y"', verdict: 'linearizable' },
    ]);
    expect(result.explanation).toEqual({
      partitions: [
        {
          partition: 'key "x"',
          initialState: '{}',
          prefix: [
            {
              operation: {
                id: 0,
                process: 'client1',
                callTime: 0,
                returnTime: 10,
                input: 'Put("x", "1")',
                output: 'PutOk',
              },
              stateAfter: '{"x": "1"}',
            },
            {
              operation: {
                id: 1,
                process: 'client1',
                callTime: 20,
                returnTime: 30,
                input: 'Append("x", "2")',
                output: 'AppendResult("12")',
              },
              stateAfter: '{"x": "12"}',
            },
          ],
          state: '{"x": "12"}',
          deadline: {
            id: 3,
            process: 'client2',
            callTime: 40,
            returnTime: 50,
            input: 'Get("x")',
            output: 'GetResult("1")',
          },
          stuck: [
            {
              operation: {
                id: 3,
                process: 'client2',
                callTime: 40,
                returnTime: 50,
                input: 'Get("x")',
                output: 'GetResult("1")',
              },
              reason: 'output mismatch',
              expected: 'GetResult("12")',
            },
          ],
        },
      ],
    });
  });

  it('survives a JSON round trip, for saved traces and the visualizer', () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('reads as text', () => {
    expect(formatExplanation(result.explanation ?? { partitions: [] }).split('\n')).toEqual([
      'key "x": not linearizable.',
      'Longest linearizable prefix (2 operations), from initial state {}:',
      '  1. #0 [client1] Put("x", "1") -> PutOk  (time 0..10)  =>  {"x": "1"}',
      '  2. #1 [client1] Append("x", "2") -> AppendResult("12")  (time 20..30)  =>  {"x": "12"}',
      'Then, in state {"x": "12"}, one of these must take effect before operation #3 returns at 50, and none can:',
      '  - #3 [client2] Get("x") -> GetResult("1")  (time 40..50): the spec answers GetResult("12") here',
    ]);
  });

  it('lists every operation that could come next, not only the first to return', () => {
    const history: History<KVCommand, KVResult> = [
      {
        process: 'a',
        callTime: 0,
        returnTime: 10,
        input: { kind: 'Get', key: 'x' },
        output: { kind: 'GetResult', value: '5' },
      },
      {
        process: 'b',
        callTime: 2,
        returnTime: 20,
        input: { kind: 'Append', key: 'x', value: '1' },
        output: { kind: 'AppendResult', value: '91' },
      },
      {
        process: 'c',
        callTime: 30,
        returnTime: 40,
        input: { kind: 'Put', key: 'x', value: '5' },
        output: { kind: 'PutOk' },
      },
    ];
    const explanation = checkLinearizability(history, kvSpec()).explanation?.partitions[0];
    expect(explanation?.prefix).toEqual([]);
    expect(explanation?.deadline?.id).toBe(0);
    expect(
      explanation?.stuck.map(({ operation, reason, expected }) => ({
        id: operation.id,
        reason,
        expected,
      })),
    ).toEqual([
      { id: 0, reason: 'output mismatch', expected: 'KeyNotFound' },
      { id: 1, reason: 'output mismatch', expected: 'AppendResult("1")' },
    ]);
  });
});
