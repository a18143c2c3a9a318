import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  kvSpec,
  registerSpec,
  txnKVSpec,
  type History,
  type KVCommand,
  type KVResult,
  type RegisterCommand,
  type RegisterResult,
  type TxnCommand,
  type TxnResult,
} from '../../framework/check/index.ts';

/** Operations one after another, each taking one time unit. */
function sequential<Input, Output>(...steps: [Input, Output][]): History<Input, Output> {
  return steps.map(([input, output], index) => ({
    process: 'p',
    callTime: index * 2,
    returnTime: index * 2 + 1,
    input,
    output,
  }));
}

describe('the KV specification', () => {
  const spec = kvSpec();
  const check = (...steps: [KVCommand, KVResult][]) =>
    checkLinearizability(sequential(...steps), spec).verdict;

  it('checks the value an append returns, which is the value after the append', () => {
    expect(
      check(
        [
          { kind: 'Append', key: 'x', value: 'a' },
          { kind: 'AppendResult', value: 'a' },
        ],
        [
          { kind: 'Append', key: 'x', value: 'b' },
          { kind: 'AppendResult', value: 'ab' },
        ],
      ),
    ).toBe('linearizable');
    expect(
      check(
        [
          { kind: 'Append', key: 'x', value: 'a' },
          { kind: 'AppendResult', value: 'a' },
        ],
        [
          { kind: 'Append', key: 'x', value: 'b' },
          { kind: 'AppendResult', value: 'a' },
        ],
      ),
    ).toBe('not linearizable');
  });

  it('tells a missing key from an empty value', () => {
    expect(check([{ kind: 'Get', key: 'x' }, { kind: 'KeyNotFound' }])).toBe('linearizable');
    expect(
      check([
        { kind: 'Get', key: 'x' },
        { kind: 'GetResult', value: '' },
      ]),
    ).toBe('not linearizable');
    expect(
      check(
        [{ kind: 'Put', key: 'x', value: '' }, { kind: 'PutOk' }],
        [{ kind: 'Get', key: 'x' }, { kind: 'KeyNotFound' }],
      ),
    ).toBe('not linearizable');
    expect(
      checkLinearizability(
        sequential<KVCommand, KVResult>([
          { kind: 'Get', key: 'x' },
          { kind: 'GetResult', value: '' },
        ]),
        kvSpec({ missingKey: 'empty' }),
      ).verdict,
    ).toBe('linearizable');
  });

  it('partitions by key, and names the partitions', () => {
    const history = sequential<KVCommand, KVResult>(
      [{ kind: 'Put', key: 'b', value: '1' }, { kind: 'PutOk' }],
      [{ kind: 'Put', key: 'a', value: '1' }, { kind: 'PutOk' }],
      [
        { kind: 'Get', key: 'b' },
        { kind: 'GetResult', value: '1' },
      ],
    );
    expect(spec.partition?.(history)).toEqual([
      { label: 'key "b"', operations: [0, 2] },
      { label: 'key "a"', operations: [1] },
    ]);
  });
});

describe('the register specification', () => {
  it('reads, writes and compares-and-sets', () => {
    const history = sequential<RegisterCommand, RegisterResult>(
      [{ kind: 'Read' }, { kind: 'ReadResult', value: null }],
      [{ kind: 'Write', value: 1 }, { kind: 'WriteOk' }],
      [
        { kind: 'CompareAndSet', expected: 2, value: 3 },
        { kind: 'CompareAndSetResult', swapped: false },
      ],
      [
        { kind: 'CompareAndSet', expected: 1, value: 3 },
        { kind: 'CompareAndSetResult', swapped: true },
      ],
      [{ kind: 'Read' }, { kind: 'ReadResult', value: 3 }],
    );
    expect(checkLinearizability(history, registerSpec()).verdict).toBe('linearizable');
    const wrong = history.map((operation, id) =>
      id === 2
        ? { ...operation, output: { kind: 'CompareAndSetResult' as const, swapped: true } }
        : operation,
    );
    expect(checkLinearizability(wrong, registerSpec()).verdict).toBe('not linearizable');
  });
});

describe('the transactional KV specification', () => {
  const spec = txnKVSpec();

  it('applies a multi-key command as one atomic step', () => {
    // Two concurrent writers of both keys; a reader sees one whole write, never a mix.
    const write = (process: string, value: string): History<TxnCommand, TxnResult>[number] => ({
      process,
      callTime: 0,
      returnTime: 10,
      input: { kind: 'MultiPut', entries: { a: value, b: value } },
      output: { kind: 'MultiPutOk' },
    });
    const read = (a: string, b: string): History<TxnCommand, TxnResult>[number] => ({
      process: 'r',
      callTime: 20,
      returnTime: 30,
      input: { kind: 'MultiGet', keys: ['a', 'b'] },
      output: { kind: 'MultiGetResult', values: { a, b } },
    });
    expect(
      checkLinearizability([write('w1', '1'), write('w2', '2'), read('2', '2')], spec).verdict,
    ).toBe('linearizable');
    expect(
      checkLinearizability([write('w1', '1'), write('w2', '2'), read('1', '2')], spec).verdict,
    ).toBe('not linearizable');
  });

  it('swaps values, missing keys included', () => {
    const history = sequential<TxnCommand, TxnResult>(
      [{ kind: 'Put', key: 'a', value: '1' }, { kind: 'PutOk' }],
      [{ kind: 'Swap', key1: 'a', key2: 'b' }, { kind: 'SwapOk' }],
      [
        { kind: 'MultiGet', keys: ['a', 'b'] },
        { kind: 'MultiGetResult', values: { a: null, b: '1' } },
      ],
    );
    expect(checkLinearizability(history, spec).verdict).toBe('linearizable');
  });

  it('partitions keys into the connected components of the commands that touch them', () => {
    const history = sequential<TxnCommand, TxnResult>(
      [{ kind: 'Put', key: 'a', value: '1' }, { kind: 'PutOk' }],
      [{ kind: 'Put', key: 'c', value: '1' }, { kind: 'PutOk' }],
      [{ kind: 'Swap', key1: 'b', key2: 'a' }, { kind: 'SwapOk' }],
      [{ kind: 'Get', key: 'd' }, { kind: 'KeyNotFound' }],
      [
        { kind: 'MultiGet', keys: ['d', 'e'] },
        { kind: 'MultiGetResult', values: { d: null, e: null } },
      ],
    );
    expect(spec.partition?.(history)).toEqual([
      { label: 'keys "a", "b"', operations: [0, 2] },
      { label: 'key "c"', operations: [1] },
      { label: 'keys "d", "e"', operations: [3, 4] },
    ]);
  });
});
