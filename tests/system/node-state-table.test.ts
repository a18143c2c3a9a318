import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address, Node } from '../../framework/index.ts';
import { cloneState } from '../../framework/core/clone.ts';
import { encode, EncodingError } from '../../framework/core/encoding.ts';
import { NodeStateTable } from '../../framework/system/node-state-table.ts';
import { stateValues } from '../fixtures/state-values.ts';

class Holder extends Node {
  first: unknown = 0;
  second: unknown = 0;
  third: unknown = 0;
}

function holder(first: unknown, second: unknown, third: unknown, name = 'server'): Holder {
  const node = new Holder(address(name));
  Object.assign(node, { first, second, third });
  return node;
}

describe('the node state table', () => {
  it('gives a state made from a parent the id its whole encoding gives it, and ids equal exactly when encodings are', () => {
    const table = new NodeStateTable();
    const idsByEncoding = new Map<string, number>();
    const check = (node: Node, id: number): void => {
      const encoding = encode(node, node.address);
      const known = idsByEncoding.get(encoding);
      if (known === undefined) {
        expect([...idsByEncoding.values()]).not.toContain(id);
        idsByEncoding.set(encoding, id);
      } else {
        expect(id).toBe(known);
      }
    };
    fc.assert(
      fc.property(
        stateValues(true),
        stateValues(true),
        stateValues(true),
        fc.integer({ min: 0, max: 2 }),
        stateValues(true),
        (first, second, third, changed, value) => {
          const parent = holder(first, second, third);
          const parentId = table.intern(parent);
          check(parent, parentId);
          const child = cloneState(table.value(parentId)) as Holder;
          const key = (['first', 'second', 'third'] as const)[changed]!;
          child[key] = value;
          const childId = table.intern(child, parentId);
          check(child, childId);
          expect(table.intern(cloneState(child))).toBe(childId);
        },
      ),
      { seed: 1_357, numRuns: 2_000 },
    );
    expect(table.size).toBe(idsByEncoding.size);
  });

  it('keeps states of different nodes apart, and states with other fields', () => {
    const table = new NodeStateTable();
    const ids = [
      table.intern(holder(1, 2, 3)),
      table.intern(holder(1, 2, 3, 'client')),
      table.intern(Object.assign(holder(1, 2, 3), { fourth: 4 })),
    ];
    expect(new Set(ids).size).toBe(3);
    const unchanged = cloneState(table.value(ids[0]!));
    expect(table.intern(unchanged, ids[0])).toBe(ids[0]);
  });

  it('refuses a field it cannot encode with the path of the whole node', () => {
    const table = new NodeStateTable();
    const parentId = table.intern(holder(1, 2, 3));
    const child = cloneState(table.value(parentId)) as Holder;
    child.second = { nested: () => 1 };
    expect(() => table.intern(child, parentId)).toThrow(EncodingError);
    expect(() => table.intern(child, parentId)).toThrow(
      'cannot encode server.second.nested: functions are not state',
    );
  });
});
