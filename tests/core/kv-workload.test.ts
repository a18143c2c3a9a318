import { describe, expect, it } from 'vitest';
import { InvalidWorkloadError } from '../../framework/testing.ts';
import {
  append,
  appendResult,
  get,
  getResult,
  keyNotFound,
  kvWorkload,
  put,
  putOk,
  WorkloadSyntaxError,
} from '../../labs/kvstore/index.ts';
import { thrownBy } from '../fixtures/thrown-by.ts';

describe('kvWorkload', () => {
  it('parses GET, PUT and APPEND, keeping colons inside values', () => {
    const workload = kvWorkload(['GET:foo', 'PUT:foo:bar', 'APPEND:foo:a:b:c', 'PUT:empty:']);
    expect(workload.commands).toEqual([
      get('foo'),
      put('foo', 'bar'),
      append('foo', 'a:b:c'),
      put('empty', ''),
    ]);
    expect(workload.expectedResults).toBeUndefined();
    expect(workload.infinite).toBe(false);
  });

  it('reads results by the command they answer: a value is a GetResult or an AppendResult', () => {
    const workload = kvWorkload(
      ['PUT:k:v', 'GET:k', 'APPEND:k:w', 'GET:missing'],
      ['PutOk', 'v', 'vw', 'KeyNotFound'],
    );
    expect(workload.expectedResults).toEqual([
      putOk(),
      getResult('v'),
      appendResult('vw'),
      keyNotFound(),
    ]);
  });

  it('keeps substitutions for the client worker to fill in', () => {
    expect(kvWorkload(['APPEND:key-%a:%r'], ['%r']).expectedResults).toEqual([appendResult('%r')]);
  });

  it('refuses malformed commands, quoting them', () => {
    const syntaxError = (text: string): string =>
      thrownBy(() => kvWorkload([text]), WorkloadSyntaxError).message;
    expect(syntaxError('GET')).toBe('command "GET" has no key');
    expect(syntaxError('PUT::v')).toBe('command "PUT::v" has no key');
    expect(syntaxError('GET:k:v')).toBe('GET takes no value: "GET:k:v"');
    expect(syntaxError('DELETE:k')).toBe(
      'unknown operation in "DELETE:k": expected GET, PUT or APPEND',
    );
    expect(syntaxError('get:k')).toBe('unknown operation in "get:k": expected GET, PUT or APPEND');
  });

  it('refuses a different number of results than commands', () => {
    expect(
      thrownBy(() => kvWorkload(['GET:a', 'GET:b'], ['KeyNotFound']), InvalidWorkloadError).message,
    ).toBe('2 commands but 1 expected results');
  });
});
