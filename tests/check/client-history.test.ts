import { describe, expect, it } from 'vitest';
import type { Address } from '../../framework/core/address.ts';
import type { HistoryEvent } from '../../framework/core/effects.ts';
import {
  checkLinearizability,
  historyFromClientEvents,
  InvalidHistoryError,
  kvSpec,
  type KVCommand,
  type KVResult,
} from '../../framework/check/index.ts';

const event = (
  type: 'invoke' | 'return',
  client: string,
  index: number,
  value: unknown,
  timeMicros: number,
): HistoryEvent => ({ type, client: client as Address, index, value, timeMicros });

describe('histories from client workers', () => {
  it('pair invocations with returns by client and command index; an invocation without return is an unknown outcome', () => {
    const events = [
      event('invoke', 'client1', 0, { kind: 'Put', key: 'x', value: '1' }, 100),
      event('invoke', 'client2', 0, { kind: 'Get', key: 'x' }, 150),
      event('return', 'client1', 0, { kind: 'PutOk' }, 300),
      event('invoke', 'client1', 1, { kind: 'Append', key: 'x', value: '2' }, 300),
    ];
    expect(historyFromClientEvents<KVCommand, KVResult>(events)).toEqual([
      {
        process: 'client1',
        callTime: 100,
        returnTime: 300,
        input: { kind: 'Put', key: 'x', value: '1' },
        output: { kind: 'PutOk' },
      },
      { process: 'client2', callTime: 150, input: { kind: 'Get', key: 'x' } },
      { process: 'client1', callTime: 300, input: { kind: 'Append', key: 'x', value: '2' } },
    ]);
  });

  it('treat a return and an invocation at the same microsecond as concurrent, so no violation is invented', () => {
    // client2's get is invoked in the microsecond client1's put returns, and reads the old
    // value: had the put's return come strictly first, this would be a stale read.
    const events = [
      event('invoke', 'client1', 0, { kind: 'Put', key: 'x', value: '1' }, 0),
      event('invoke', 'client2', 0, { kind: 'Get', key: 'x' }, 10),
      event('return', 'client1', 0, { kind: 'PutOk' }, 10),
      event('return', 'client2', 0, { kind: 'KeyNotFound' }, 20),
    ];
    expect(
      checkLinearizability(historyFromClientEvents<KVCommand, KVResult>(events), kvSpec()).verdict,
    ).toBe('linearizable');
    const later = events.map((entry) =>
      entry.client === 'client2' && entry.type === 'invoke' ? { ...entry, timeMicros: 11 } : entry,
    );
    expect(
      checkLinearizability(historyFromClientEvents<KVCommand, KVResult>(later), kvSpec()).verdict,
    ).toBe('not linearizable');
  });

  it('refuse a return that matches no invocation', () => {
    expect(() =>
      historyFromClientEvents([event('return', 'client1', 0, { kind: 'PutOk' }, 5)]),
    ).toThrow(InvalidHistoryError);
    expect(() =>
      historyFromClientEvents([
        event('invoke', 'client1', 0, {}, 1),
        event('invoke', 'client1', 0, {}, 2),
      ]),
    ).toThrow(/twice/);
  });
});
