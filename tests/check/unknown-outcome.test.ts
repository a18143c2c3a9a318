import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  kvSpec,
  registerSpec,
  type History,
  type KVCommand,
  type KVResult,
  type RegisterCommand,
  type RegisterResult,
} from '../../framework/check/index.ts';

const put = (
  process: string,
  callTime: number,
  value: string,
): History<KVCommand, KVResult>[number] => ({
  process,
  callTime,
  input: { kind: 'Put', key: 'x', value },
});
const get = (
  process: string,
  callTime: number,
  returnTime: number,
  value: string | undefined,
): History<KVCommand, KVResult>[number] => ({
  process,
  callTime,
  returnTime,
  input: { kind: 'Get', key: 'x' },
  output: value === undefined ? { kind: 'KeyNotFound' } : { kind: 'GetResult', value },
});

function verdict(history: History<KVCommand, KVResult>): string {
  return checkLinearizability(history, kvSpec()).verdict;
}

describe('operations with unknown outcomes (calls that never returned)', () => {
  it('may have taken effect: a later read sees the write', () => {
    expect(verdict([put('w', 0, '1'), get('r', 10, 20, '1')])).toBe('linearizable');
  });

  it('may never have taken effect: a later read does not see the write', () => {
    expect(verdict([put('w', 0, '1'), get('r', 10, 20, undefined)])).toBe('linearizable');
  });

  it('may take effect long after the call: between two reads', () => {
    expect(verdict([put('w', 0, '1'), get('r', 10, 20, undefined), get('r', 30, 40, '1')])).toBe(
      'linearizable',
    );
  });

  it('cannot take effect before it was called', () => {
    expect(verdict([get('r', 0, 10, '1'), put('w', 20, '1')])).toBe('not linearizable');
  });

  it('takes effect at most once: a value cannot disappear and come back', () => {
    expect(
      verdict([
        put('w', 0, '1'),
        get('r', 10, 20, '1'),
        get('r', 30, 40, undefined),
        get('r', 50, 60, '1'),
      ]),
    ).toBe('not linearizable');
  });

  it('need not be placed for the history to pass, even when placing it would fail', () => {
    // Two lost writes of different values; the reads see only one of them.
    expect(
      verdict([put('w1', 0, '1'), put('w2', 0, '2'), get('r', 10, 20, '2'), get('r', 30, 40, '2')]),
    ).toBe('linearizable');
  });

  it('only when every completed operation is placed is the search done', () => {
    expect(checkLinearizability([put('w', 0, '1')], kvSpec())).toMatchObject({
      verdict: 'linearizable',
      steps: 0,
    });
  });

  it('a compare-and-set with unknown outcome is not a read, even where it would fail', () => {
    // Placing the lost CAS first (where it fails and changes nothing) would be wrong to commit to:
    // it must take effect after the write for the read of 0 to be explained.
    const history: History<RegisterCommand, RegisterResult> = [
      { process: 'a', callTime: 10, input: { kind: 'Write', value: 2 } },
      { process: 'b', callTime: 20, input: { kind: 'CompareAndSet', expected: 2, value: 0 } },
      {
        process: 'c',
        callTime: 30,
        returnTime: 30,
        input: { kind: 'Read' },
        output: { kind: 'ReadResult', value: 0 },
      },
    ];
    expect(checkLinearizability(history, registerSpec()).verdict).toBe('linearizable');
  });
});
