import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Address,
  address,
  InvalidAddressError,
  Node,
  registerStateClass,
  subAddress,
} from '../../framework/index.ts';
import { encode, encodedSizeBytes, encodeNode, EncodingError } from '../../framework/engine.ts';
import { orderFrom, reordered, sameStateKey, stateValues } from '../fixtures/state-values.ts';
import { thrownBy } from '../fixtures/thrown-by.ts';

const SERVER = address('server1');

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}
registerStateClass('test/Point', Point);

class Unregistered {
  readonly value = 1;
}

/** A node whose fields a test fills with whatever it wants to encode. */
class Holder extends Node {
  [field: string]: unknown;
}

function holder(at: Address, fields: Record<string, unknown>): Holder {
  return Object.assign(new Holder(at), fields);
}

function encodingErrorOf(body: () => unknown): EncodingError {
  return thrownBy(body, EncodingError);
}

describe('canonical encoding', () => {
  it('does not depend on Map, Set or object key order', () => {
    fc.assert(
      fc.property(stateValues(false), fc.integer(), (value, seed) => {
        expect(encode(reordered(value, orderFrom(seed)))).toBe(encode(value));
      }),
      { seed: 1_234, numRuns: 300 },
    );
  });

  it('is equal exactly for equal values (against a brute-force oracle)', () => {
    let equalPairs = 0;
    fc.assert(
      fc.property(stateValues(true), stateValues(true), (a, b) => {
        const same = sameStateKey(a) === sameStateKey(b);
        if (same) equalPairs++;
        expect(encode(a) === encode(b)).toBe(same);
      }),
      { seed: 5_678, numRuns: 10_000 },
    );
    // The property is only worth something if both outcomes occur often.
    expect(equalPairs).toBeGreaterThan(150);
  });

  it('distinguishes values that print alike', () => {
    const distinct: unknown[] = [
      1,
      '1',
      1n,
      true,
      'true',
      null,
      undefined,
      'u',
      [],
      {},
      new Map(),
      new Set(),
      [1, 2],
      new Set([1, 2]),
      { 0: 1, 1: 2 },
      new Map([
        [0, 1],
        [1, 2],
      ]),
      ['a', 'b'],
      ['ab'],
      ['a;b'],
      [{ a: undefined }],
      [{ 'a=b': 1 }],
      [{ a: 'b=1' }],
      new Map([['a', 'b']]),
      new Map([['a>b', '']]),
      new Point(1, 2),
      { x: 1, y: 2 },
      holder(SERVER, { x: 1, y: 2 }),
      holder(address('server2'), { x: 1, y: 2 }),
    ];
    const encodings = distinct.map((value) => encode(value));
    expect(new Set(encodings).size).toBe(distinct.length);
  });

  it("tells apart nodes and classes whose names contain the encoding's own delimiters", () => {
    // Addresses cannot contain delimiters at all; class names can, and are length-prefixed.
    expect(() => address('p{1:k=s9:x')).toThrow(InvalidAddressError);
    class Named {
      constructor(readonly k: unknown) {}
    }
    class Tricky {
      constructor(readonly j: unknown) {}
    }
    registerStateClass('test/Named', Named);
    registerStateClass('test/Named{1:k=s1:x', Tricky);
    expect(encode(new Named('x{1:j=d1;'))).not.toBe(encode(new Tricky(1)));
  });

  it('treats -0 and 0 as the same state, and NaN as equal to itself', () => {
    expect(encode(-0)).toBe(encode(0));
    expect(encode({ a: [-0] })).toBe(encode({ a: [0] }));
    expect(encode(NaN)).toBe(encode(Number.NaN));
    expect(encode(NaN)).not.toBe(encode(0));
  });

  it("leaves a node's address out of its fields but tells nodes at different addresses apart", () => {
    const node = holder(SERVER, { log: ['a'] });
    expect(Object.keys(node)).toEqual(['log']);
    expect(encodeNode(node)).toBe(encode(node));
    expect(encode(node)).not.toBe(encode(holder(address('server2'), { log: ['a'] })));
    expect(encode(node)).not.toBe(encode({ log: ['a'] }));
  });

  it('refuses a function, naming the node and the field', () => {
    const error = encodingErrorOf(() => encodeNode(holder(SERVER, { callback: () => 1 })));
    expect(error.message).toBe('cannot encode server1.callback: functions are not state');
    expect(error.path).toEqual(['server1', '.callback']);
  });

  it('names the whole path to a bad value deep inside Maps, arrays and sub-nodes', () => {
    const inner = holder(subAddress(SERVER, 'paxos'), { log: [{ ok: 1 }, { handler: () => 2 }] });
    const error = encodingErrorOf(() =>
      encodeNode(holder(SERVER, { modules: new Map([['paxos', inner]]) })),
    );
    expect(error.message).toBe(
      'cannot encode server1.modules.get(paxos).log[1].handler: functions are not state',
    );
  });

  it('refuses a cycle, naming where it closes', () => {
    const list: { next?: unknown } = {};
    list.next = { back: list };
    const error = encodingErrorOf(() => encodeNode(holder(SERVER, { list })));
    expect(error.message).toBe(
      'cannot encode server1.list.next.back: it contains a cycle (the value refers back to itself)',
    );
  });

  it('accepts a value shared twice (no cycle)', () => {
    const shared = { a: 1 };
    expect(encode({ left: shared, right: shared })).toBe(
      encode({ left: { a: 1 }, right: { a: 1 } }),
    );
  });

  it('refuses instances of unregistered classes, naming the class and the field', () => {
    const error = encodingErrorOf(() =>
      encodeNode(holder(SERVER, { things: new Set([new Unregistered()]) })),
    );
    expect(error.message).toBe(
      'cannot encode server1.things<set element>: instances of class Unregistered are not registered state (call registerStateClass)',
    );
  });

  it('refuses symbols and unregistered Map keys', () => {
    expect(encodingErrorOf(() => encode({ tag: Symbol('x') })).message).toBe(
      'cannot encode .tag: symbols are not state',
    );
    expect(
      encodingErrorOf(() => encode(new Map([[new Unregistered(), 1]]), 'index')).message,
    ).toContain('cannot encode index<map key>: instances of class Unregistered');
  });

  it('encodes registered classes by their registered name', () => {
    expect(encode(new Point(1, 2))).toBe(
      encode(Object.assign(Object.create(Point.prototype) as Point, { y: 2, x: 1 })),
    );
    expect(encode(new Point(1, 2))).toContain('test/Point');
  });

  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(encode('é')).toBe('s1:é');
    expect(encodedSizeBytes('é')).toBe(5); // "s1:" + 2 bytes
    expect(encodedSizeBytes('€')).toBe(6); // "s1:" + 3 bytes
    expect(encodedSizeBytes('😀')).toBe(7); // "s2:" + 4 bytes: one code point, two code units
    expect(encodedSizeBytes('a')).toBe(4);
    // Lone surrogates (invalid UTF-16) count as the replacement character a UTF-8 encoder writes.
    expect(encodedSizeBytes('\ud800é')).toBe(Buffer.byteLength(encode('\ud800é'), 'utf8'));
    expect(encodedSizeBytes('\ud800')).toBe(6);
    fc.assert(
      fc.property(stateValues(false), (value) => {
        expect(encodedSizeBytes(value)).toBe(Buffer.byteLength(encode(value), 'utf8'));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
