import { describe, expect, it } from 'vitest';
import type { Node } from '../../framework/index.ts';
import { CLIENTS_DONE_PRUNE, nodesInvariant, RESULTS_OK } from '../../framework/testing.ts';
import { breadthFirstSearch, encode } from '../../framework/engine.ts';
import { NodeTupleMemo } from '../../framework/system/node-tuple-memo.ts';
import { SimpleServer } from '../../labs/clientserver/simple-server.ts';
import { labOneModel } from './lab-one-model.ts';

const isServer = (node: Node): node is SimpleServer => node instanceof SimpleServer;

describe('a nodes invariant', () => {
  it('computes a view once per node state and a problem once per combination', () => {
    const viewed: unknown[] = [];
    let judged = 0;
    const serverStates = new Set<string>();
    const invariant = nodesInvariant('server state seen', {
      select: isServer,
      view: (server) => {
        viewed.push(server);
        return encode(server);
      },
      problem: (views) => {
        judged++;
        for (const view of views) serverStates.add(view);
        return undefined;
      },
    });
    const result = breadthFirstSearch(labOneModel(2, 2), [invariant, CLIENTS_DONE_PRUNE]);
    expect(result).toMatchObject({ outcome: 'space exhausted', uniqueStates: 80 });
    // One server: each of its states is viewed once and judged once, across all 80 states.
    expect(viewed.length).toBe(serverStates.size);
    expect(new Set(viewed).size).toBe(viewed.length);
    expect(judged).toBe(serverStates.size);
    expect(judged).toBeLessThan(80);
  });

  it('asks a select function once per node state, for every invariant that shares it', () => {
    const asked: Node[] = [];
    const select = (node: Node): node is SimpleServer => {
      asked.push(node);
      return node instanceof SimpleServer;
    };
    const judged = [0, 0];
    const invariants = judged.map((_, index) =>
      nodesInvariant(`counted ${index}`, {
        select,
        problem: (servers) => {
          judged[index]!++;
          return servers.length === 1 ? undefined : `${servers.length} servers selected`;
        },
      }),
    );
    const model = labOneModel(2, 2);
    const result = breadthFirstSearch(model, [...invariants, CLIENTS_DONE_PRUNE]);
    expect(result).toMatchObject({ outcome: 'space exhausted', uniqueStates: 80 });
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBe(model.system.nodes.size);
    expect(judged[0]).toBe(judged[1]);
    expect(judged[0]).toBeGreaterThan(0);
  });

  it('reports the problem of the combination, as a violation with its text', () => {
    const invariant = nodesInvariant('no key written twice', {
      select: isServer,
      problem: ([server]) =>
        server !== undefined && encode(server).includes('x1x2') ? 'some key holds x1x2' : undefined,
    });
    const result = breadthFirstSearch(labOneModel(1, 2), [invariant, RESULTS_OK]);
    expect(result).toMatchObject({ outcome: 'invariant violated' });
    expect(result.outcome === 'invariant violated' && result.detail).toBe('some key holds x1x2');
  });

  it('judges again once the system forgets its tables (ids are given out again)', () => {
    let judged = 0;
    const invariant = nodesInvariant('counted', {
      select: isServer,
      problem: () => {
        judged++;
        return undefined;
      },
    });
    const model = labOneModel(1, 2);
    const mark = model.mark();
    breadthFirstSearch(model, [invariant, CLIENTS_DONE_PRUNE]);
    const first = judged;
    breadthFirstSearch(model, [invariant, CLIENTS_DONE_PRUNE]);
    expect(judged).toBe(first);
    model.forgetSince(mark);
    breadthFirstSearch(model, [invariant, CLIENTS_DONE_PRUNE]);
    expect(judged).toBe(2 * first);
  });

  it('judges each search system apart (interned ids are per system)', () => {
    const seen: number[] = [];
    const invariant = nodesInvariant('counted', {
      select: isServer,
      problem: () => {
        seen.push(1);
        return undefined;
      },
    });
    breadthFirstSearch(labOneModel(1, 1), [invariant, CLIENTS_DONE_PRUNE]);
    const first = seen.length;
    breadthFirstSearch(labOneModel(1, 1), [invariant, CLIENTS_DONE_PRUNE]);
    expect(seen.length).toBe(2 * first);
  });
});

describe('the node tuple memo', () => {
  it('holds at most two generations, and keeps what is used across evictions', () => {
    const memo = new NodeTupleMemo<string>(4);
    const kept = [7, 1_000_000, 3];
    expect(memo.get(kept, 3, () => 'kept')).toBe('kept');
    for (let id = 0; id < 100; id++) {
      memo.get([id, id], 2, () => `value ${id}`);
      // Read at every step, so it is copied forward at every eviction.
      expect(memo.get(kept, 3, () => 'recomputed')).toBe('kept');
      expect(memo.size).toBeLessThanOrEqual(8);
    }
    expect(memo.get([0, 0], 2, () => 'recomputed')).toBe('recomputed');
    expect(memo.get([99, 99], 2, () => 'recomputed')).toBe('value 99');
  });

  it('tells apart tuples of different lengths and orders', () => {
    const memo = new NodeTupleMemo<string>(16);
    expect(memo.get([1, 2], 2, () => 'a')).toBe('a');
    expect(memo.get([2, 1], 2, () => 'b')).toBe('b');
    expect(memo.get([1, 2, 0], 3, () => 'c')).toBe('c');
    expect(memo.get([1, 2, 0], 2, () => 'd')).toBe('a');
  });
});
