import { describe, expect, it } from 'vitest';
import { txnKVSpec } from '../../framework/check/index.ts';
import {
  isReadOnly,
  KVStore,
  parseTxnCommand,
  readSet,
  txnWorkload,
  WorkloadSyntaxError,
  writeSet,
} from '../../labs/kvstore/index.ts';

describe('transactional commands', () => {
  it('parses MULTIGET, MULTIPUT and SWAP', () => {
    expect(parseTxnCommand('MULTIGET:a:b')).toEqual({ kind: 'MultiGet', keys: ['a', 'b'] });
    expect(parseTxnCommand('MULTIPUT:a:1:b:2')).toEqual({
      kind: 'MultiPut',
      entries: { a: '1', b: '2' },
    });
    expect(parseTxnCommand('SWAP:a:b')).toEqual({ kind: 'Swap', key1: 'a', key2: 'b' });
    expect(parseTxnCommand('PUT:a:1')).toEqual({ kind: 'Put', key: 'a', value: '1' });
  });

  it.each([
    ['MULTIGET', /one or more non-empty keys/],
    ['MULTIGET:a::b', /one or more non-empty keys/],
    ['MULTIPUT:a:1:b', /key:value pairs/],
    ['MULTIPUT:a:1:a:2', /writes "a" twice/],
    ['MULTIPUT::1', /empty key/],
    ['SWAP:a', /exactly two/],
    ['SWAP:a:b:c', /exactly two/],
    ['FROB:a', /expected GET, PUT, APPEND, MULTIGET, MULTIPUT or SWAP/],
  ])('refuses %s with a clear error', (text, message) => {
    expect(() => parseTxnCommand(text)).toThrow(WorkloadSyntaxError);
    expect(() => parseTxnCommand(text)).toThrow(message);
  });

  it('refuses a MULTIGET result with the wrong number of values', () => {
    expect(() => txnWorkload(['MULTIGET:a:b'], ['1'])).toThrow(/1 values for a MULTIGET of 2/);
  });

  it('knows read sets, write sets and read-only transactions', () => {
    const get = parseTxnCommand('MULTIGET:b:a:b');
    expect(readSet(get)).toEqual(['b', 'a']);
    expect(writeSet(get)).toEqual([]);
    expect(isReadOnly(get)).toBe(true);
    const put = parseTxnCommand('MULTIPUT:a:1:b:2');
    expect(readSet(put)).toEqual([]);
    expect(writeSet(put)).toEqual(['a', 'b']);
    expect(isReadOnly(put)).toBe(false);
    expect(readSet(parseTxnCommand('SWAP:a:b'))).toEqual(['a', 'b']);
  });

  it('executes like the txn-kv spec of the history checker, a missing key included', () => {
    const store = new KVStore();
    const spec = txnKVSpec();
    let state = spec.initialState();
    for (const text of ['MULTIPUT:a:1:b:2', 'SWAP:a:c', 'MULTIGET:a:b:c', 'SWAP:a:b', 'GET:a']) {
      const command = parseTxnCommand(text);
      const expected = spec.expectedOutput?.(state, command);
      expect(store.executeTransaction(command)).toEqual(expected);
      const step = spec.step(state, command, expected);
      if (!step.legal) throw new Error(`${text} is not legal in the spec`);
      state = step.state;
    }
  });
});
