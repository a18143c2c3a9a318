import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import { CLIENTS_DONE, isFinding, sumMessageCounts } from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { pathMessageCounts } from '../../framework/system/path-message-counts.ts';
import { labOneModel } from './lab-one-model.ts';

describe('message counts along a search path', () => {
  it('count each request and reply of the shortest path to "clients done" once', () => {
    const model = labOneModel(2, 2);
    const result = breadthFirstSearch(model, [CLIENTS_DONE]);
    if (!isFinding(result)) throw new Error(`expected a goal, got ${result.outcome}`);
    const counts = pathMessageCounts(model, result.initial, result.path);
    // Two clients, two appends each: four requests delivered to the server, four replies back.
    expect(counts.get(address('server'))).toEqual({ sent: 4, addressed: 4, delivered: 4 });
    for (const client of [address('client1'), address('client2')])
      expect(counts.get(client)).toEqual({ sent: 2, addressed: 2, delivered: 2 });
    const deliveries = result.path.filter((event) => event >= 0).length;
    expect(sumMessageCounts(counts.values()).delivered).toBe(deliveries);
  });

  it('refuse a path that does not replay', () => {
    const model = labOneModel(1, 1);
    expect(() => pathMessageCounts(model, model.initial, [1_000_000])).toThrow(
      'the path does not replay: its event 1 throws',
    );
  });
});
