import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address, Node, subAddress } from '../../framework/index.ts';
import { cloneState } from '../../framework/core/clone.ts';
import {
  copyableOnWrite,
  copyOnWrite,
  settle,
  unchangedCopyOf,
} from '../../framework/core/copy-on-write.ts';
import { encode } from '../../framework/core/encoding.ts';
import { findNode } from '../../framework/core/node.ts';
import { stateValues } from '../fixtures/state-values.ts';

class Holder extends Node {
  first: unknown = 0;
  second: unknown = 0;
  third: unknown = 0;
}

const FIELDS = ['first', 'second', 'third'] as const;

function holder(first: unknown, second: unknown, third: unknown): Holder {
  return Object.assign(new Holder(address('server')), { first, second, third });
}

/** What a handler may do to one field: read it, assign it, change what it holds, or add one. */
type Step =
  | { readonly kind: 'read'; readonly field: number }
  | { readonly kind: 'assign'; readonly field: number; readonly value: unknown }
  | { readonly kind: 'change'; readonly field: number; readonly value: unknown }
  | { readonly kind: 'add'; readonly value: unknown };

const steps: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('read' as const), field: fc.integer({ min: 0, max: 2 }) }),
    fc.record({
      kind: fc.constant('assign' as const),
      field: fc.integer({ min: 0, max: 2 }),
      value: stateValues(true),
    }),
    fc.record({
      kind: fc.constant('change' as const),
      field: fc.integer({ min: 0, max: 2 }),
      value: stateValues(true),
    }),
    fc.record({ kind: fc.constant('add' as const), value: stateValues(true) }),
  ),
  { maxLength: 4 },
);

/** Runs the steps on `node` as a handler would, through its fields. */
function run(node: Holder, handlerSteps: readonly Step[]): void {
  const fields = node as unknown as Record<string, unknown>;
  for (const step of handlerSteps) {
    if (step.kind === 'add') {
      fields.added = cloneState(step.value);
      continue;
    }
    const key = FIELDS[step.field]!;
    if (step.kind === 'read') void fields[key];
    else if (step.kind === 'assign') fields[key] = cloneState(step.value);
    else change(fields[key], cloneState(step.value));
  }
}

/** Changes a value in place where it can be changed: a Map, a Set, an array, an object. */
function change(value: unknown, by: unknown): void {
  if (value instanceof Map) value.set('changed', by);
  else if (value instanceof Set) value.add(by);
  else if (Array.isArray(value)) value.push(by);
  else if (typeof value === 'object' && value !== null)
    (value as Record<string, unknown>).changed = by;
}

describe('copy-on-write node copies', () => {
  it('settle into the state a deep copy would reach, leave the original as it was, and are unchanged only when nothing changed', () => {
    fc.assert(
      fc.property(
        stateValues(true),
        stateValues(true),
        stateValues(true),
        steps,
        (first, second, third, handlerSteps) => {
          const original = holder(first, second, third);
          fc.pre(copyableOnWrite(original));
          const before = encode(original, original.address);
          const deep = cloneState(original);
          run(deep, handlerSteps);
          const copy = copyOnWrite(original, Object.keys(original)) as Holder;
          expect(copy).toBeInstanceOf(Holder);
          run(copy, handlerSteps);
          const settled = settle(copy);
          expect(encode(settled, settled.address)).toBe(encode(deep, deep.address));
          expect(Object.keys(settled)).toEqual(Object.keys(deep));
          expect(encode(original, original.address)).toBe(before);
          if (unchangedCopyOf(copy, original)) expect(encode(deep, deep.address)).toBe(before);
          // Only sameState's word is taken (a Map with object keys read is found changed, and
          // encoded again); untouched, a node is unchanged whatever it holds.
          if (handlerSteps.length === 0) expect(unchangedCopyOf(copy, original)).toBe(true);
        },
      ),
      { seed: 2_468, numRuns: 3_000 },
    );
  });

  it('are not made of a node whose mutable values are shared, which copying fields apart would split', () => {
    const shared = new Map([[1, 'one']]);
    expect(copyableOnWrite(holder(shared, shared, 0))).toBe(false);
    expect(copyableOnWrite(holder([shared], { inner: shared }, 0))).toBe(false);
    // Frozen values are never copied, so sharing them is as a deep copy has it.
    const frozen = Object.freeze({ ballot: 1 });
    expect(copyableOnWrite(holder(frozen, [frozen], 0))).toBe(true);
  });

  it('copy only the fields a handler reads, sharing the others with the original', () => {
    const original = holder(new Map([[1, { slot: 1 }]]), [1, 2], { kind: 'follower' });
    const copy = copyOnWrite(original, Object.keys(original)) as Holder;
    void copy.third;
    expect(unchangedCopyOf(copy, original)).toBe(true);
    (copy.second as number[]).push(3);
    expect(unchangedCopyOf(copy, original)).toBe(false);
    const settled = settle(copy) as Holder;
    expect(settled.first).toBe(original.first);
    expect(settled.third).not.toBe(original.third);
    expect(settled.third).toEqual(original.third);
    expect(settled.second).toEqual([1, 2, 3]);
    expect(original.second).toEqual([1, 2]);
  });

  it('lets the engine find a sub-node in a copy, copying that field only', () => {
    class Inner extends Node {
      count = 0;
    }
    class Outer extends Node {
      store = new Map([['k', 'v']]);
      inner = new Inner(subAddress(address('server'), 'inner'));
    }
    const original = new Outer(address('server'));
    const copy = copyOnWrite(original, Object.keys(original)) as Outer;
    const inner = findNode(copy, subAddress(address('server'), 'inner')) as Inner;
    expect(inner).not.toBe(original.inner);
    inner.count++;
    const settled = settle(copy) as Outer;
    expect(settled.inner.count).toBe(1);
    expect(original.inner.count).toBe(0);
    expect(settled.store).toBe(original.store);
  });
});
