import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Address,
  address,
  mutableCopy,
  Node,
  registerStateClass,
  subAddress,
} from '../../framework/index.ts';
import { CloneError, cloneState, encode } from '../../framework/engine.ts';
import { deepFreeze } from '../../framework/core/message.ts';
import { stateValues } from '../fixtures/state-values.ts';

class Ledger {
  readonly entries: string[] = [];
  total(): number {
    return this.entries.length;
  }
}
registerStateClass('test/Ledger', Ledger);

class Unregistered {
  readonly value = 1;
}

class Module extends Node {
  count = 0;
}

class Server extends Node {
  readonly ledger = new Ledger();
  readonly module: Module;
  readonly sessions = new Map<string, { seen: Set<number> }>();

  constructor(at: Address) {
    super(at);
    this.module = new Module(subAddress(at, 'module'));
  }
}

const SERVER = address('server');

describe('cloneState', () => {
  it('copies deeply: the copy encodes the same and shares nothing mutable', () => {
    fc.assert(
      fc.property(stateValues(false), (value) => {
        const copy = cloneState(value);
        expect(encode(copy)).toBe(encode(value));
        if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('is independent of the original in both directions', () => {
    const original = { list: [1, [2]], map: new Map([['k', { n: 1 }]]), set: new Set([1]) };
    const copy = cloneState(original);
    copy.list.push(3);
    (copy.list[1] as number[]).push(4);
    copy.map.get('k')!.n = 99;
    copy.set.add(2);
    expect(original).toEqual({
      list: [1, [2]],
      map: new Map([['k', { n: 1 }]]),
      set: new Set([1]),
    });
    original.map.set('other', { n: 0 });
    expect(copy.map.has('other')).toBe(false);
  });

  it('shares frozen values instead of copying them', () => {
    const message = deepFreeze({ kind: 'Request', payload: { values: [1, 2] } });
    const copy = cloneState({ inbox: [message], last: message });
    expect(copy.inbox[0]).toBe(message);
    expect(copy.last).toBe(message);
  });

  it('keeps aliasing: what was reachable twice is one object in the copy', () => {
    const shared = { hits: 0 };
    const original = { a: shared, b: [shared], c: new Map([['k', shared]]) };
    const copy = cloneState(original);
    expect(copy.a).not.toBe(shared);
    expect(copy.b[0]).toBe(copy.a);
    expect(copy.c.get('k')).toBe(copy.a);
    copy.a.hits++;
    expect(copy.c.get('k')?.hits).toBe(1);
    expect(shared.hits).toBe(0);
  });

  it('copies cycles as cycles', () => {
    const node: { next?: unknown; label: string } = { label: 'a' };
    node.next = node;
    const copy = cloneState(node);
    expect(copy.next).toBe(copy);
    expect(copy).not.toBe(node);
  });

  it('keeps the prototypes of registered classes and nodes, and node addresses', () => {
    const server = new Server(SERVER);
    server.ledger.entries.push('x');
    server.sessions.set('c1', { seen: new Set([1]) });
    server.module.count = 3;
    const copy = cloneState(server);
    expect(copy).toBeInstanceOf(Server);
    expect(copy.address).toBe(SERVER);
    expect(Object.keys(copy)).not.toContain('address');
    expect(copy.ledger).toBeInstanceOf(Ledger);
    expect(copy.ledger.total()).toBe(1);
    expect(copy.module).toBeInstanceOf(Module);
    expect(copy.module.address).toBe('server/module');
    expect(copy.module).not.toBe(server.module);
    copy.module.count++;
    copy.sessions.get('c1')?.seen.add(2);
    expect(server.module.count).toBe(3);
    expect(server.sessions.get('c1')?.seen).toEqual(new Set([1]));
    expect(encode(copy)).not.toBe(encode(server));
  });

  it('refuses instances of unregistered classes and functions', () => {
    expect(() => cloneState({ thing: new Unregistered() })).toThrow(CloneError);
    expect(() => cloneState({ thing: new Unregistered() })).toThrow(
      'instances of class Unregistered are not registered state (call registerStateClass)',
    );
    expect(() => cloneState({ callback: () => 1 })).toThrow(CloneError);
  });
});

describe('mutableCopy', () => {
  it('copies frozen values too: a received store can be kept and changed', () => {
    const ledger = new Ledger();
    ledger.entries.push('a');
    const received = deepFreeze({ ledger, seen: new Map([['x', new Set([1])]]) });
    const copy = mutableCopy(received);
    expect(encode(copy)).toBe(encode(received));
    expect(copy.ledger).not.toBe(ledger);
    expect(copy.ledger).toBeInstanceOf(Ledger);
    expect(Object.isFrozen(copy.ledger.entries)).toBe(false);
    copy.ledger.entries.push('b');
    copy.seen.get('x')?.add(2);
    expect(ledger.entries).toEqual(['a']);
    expect([...(received.seen.get('x') ?? [])]).toEqual([1]);
    // cloneState shares the same frozen value instead.
    expect(cloneState(received).ledger).toBe(ledger);
  });

  it('copies state that is not frozen as cloneState does', () => {
    fc.assert(
      fc.property(stateValues(true), (value) => {
        expect(encode(mutableCopy(value))).toBe(encode(cloneState(value)));
      }),
    );
  });
});
