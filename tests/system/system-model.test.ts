import { describe, expect, it } from 'vitest';
import {
  type Address,
  address,
  type Client,
  type Command,
  type MessageHandlers,
  Node,
  type Result,
  type TimerHandlers,
} from '../../framework/index.ts';
import {
  CLIENTS_DONE_PRUNE,
  isFinding,
  RESULTS_OK,
  scriptedWorkload,
  SystemBuilder,
  SystemModel,
} from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { SimpleClient } from '../../labs/clientserver/simple-client.ts';
import { SimpleServer } from '../../labs/clientserver/simple-server.ts';
import { kvWorkload } from '../../labs/kvstore/index.ts';
import { labOneModel } from './lab-one-model.ts';

describe('the lab 1 state space', () => {
  it.each([
    [1, 1, 3],
    [2, 2, 80],
    [3, 3, 4_095],
  ])(
    'has ((r+1)^2)^c - 1 unique states with %i clients x %i appends: %i, as DSLabs counts',
    (clients, appends, expected) => {
      const result = breadthFirstSearch(labOneModel(clients, appends), [
        RESULTS_OK,
        CLIENTS_DONE_PRUNE,
      ]);
      expect(result.outcome).toBe('space exhausted');
      expect(result.uniqueStates).toBe(expected);
      expect(result.uniqueStates).toBe(((appends + 1) ** 2) ** clients - 1);
    },
  );

  it('does not depend on the order nodes handle events in: fingerprints of equal states agree', () => {
    const model = labOneModel(2, 1);
    const [initial] = model.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    const [first, second] = model.events(initial).filter((event) => event >= 0);
    if (first === undefined || second === undefined)
      throw new Error('expected two requests in flight');
    const oneWay = model.next(model.next(initial, first), second);
    const otherWay = model.next(model.next(initial, second), first);
    expect([oneWay.fingerprintHigh, oneWay.fingerprintLow]).toEqual([
      otherWay.fingerprintHigh,
      otherWay.fingerprintLow,
    ]);
  });
});

describe('search settings', () => {
  const server = address('server');
  const client = address('client1');
  const model = (): SystemModel => {
    const workload = kvWorkload(['PUT:a:1'], ['PutOk']);
    return new SystemModel(
      new SystemBuilder()
        .addNode(new SimpleServer(server))
        .addClientWorker(new SimpleClient(client, server), workload)
        .build(),
    );
  };

  it('delivers nothing with the network inactive, only timers', () => {
    const silent = model().withSettings({ networkActive: false });
    const [initial] = silent.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    expect(silent.events(initial).every((event) => event < 0)).toBe(true);
    expect(silent.events(initial)).toHaveLength(1);
  });

  it('fires no timers with timers off, and honours inactive nodes and partitions', () => {
    const base = model();
    const [initial] = base.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    expect(
      base
        .withSettings({ deliverTimers: false })
        .events(initial)
        .every((event) => event >= 0),
    ).toBe(true);
    expect(
      base.withSettings({ deliverTimers: false, inactiveNodes: [server] }).events(initial),
    ).toEqual([]);
    expect(
      base.withSettings({ deliverTimers: false, partition: [[server], [client]] }).events(initial),
    ).toEqual([]);
    expect(
      base.withSettings({ deliverTimers: false, partition: [[server, client]] }).events(initial),
    ).toHaveLength(1);
  });

  it("switches off one node's timers and keeps delivering its messages", () => {
    const base = model();
    const [initial] = base.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    // The client's retry timer is the only timer; its request is the only message.
    expect(base.events(initial).filter((event) => event < 0)).toHaveLength(1);
    const quietClient = base.withSettings({ timersOff: [client] });
    expect(quietClient.events(initial)).toEqual(base.events(initial).filter((event) => event >= 0));
    expect(base.withSettings({ timersOff: [server] }).events(initial)).toEqual(
      base.events(initial),
    );
  });
});

// A client that sets two timers, the first sure to fire before the second.
interface Tick {
  readonly kind: 'Tick';
  readonly label: string;
}
class TwoTimerClient extends Node implements Client, TimerHandlers<Tick> {
  private fired: string[] = [];
  sendCommand(_command: Command): void {
    this.set({ kind: 'Tick', label: 'short' }, 10, 20);
    this.set({ kind: 'Tick', label: 'long' }, 20, 30);
    this.set({ kind: 'Tick', label: 'overlapping' }, 15, 40);
  }
  hasResult(): boolean {
    return this.fired.length === 3;
  }
  getResult(): Result {
    return { kind: 'Fired' };
  }
  onTick(timer: Tick): void {
    this.fired = [...this.fired, timer.label];
  }
}

describe('timers', () => {
  it('may fire before earlier-set ones, unless an earlier one is sure to fire first', () => {
    const model = new SystemModel(
      new SystemBuilder()
        .addClientWorker(new TwoTimerClient(address('client1')), scriptedWorkload([{ kind: 'Go' }]))
        .build(),
    );
    const [initial] = model.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    // short [10,20] can fire; long [20,30] cannot (short's max 20 <= long's min 20);
    // overlapping [15,40] can (short's max 20 > 15).
    expect(model.events(initial).map((event) => model.describeEvent(event))).toEqual([
      'client1 timer {"kind":"Tick","label":"short"}',
      'client1 timer {"kind":"Tick","label":"overlapping"}',
    ]);
  });
});

// Servers that break what search relies on, for --checks.
interface Ping {
  readonly kind: 'Ping';
}
let globalCounter = 0;
class NonDeterministicServer extends Node implements MessageHandlers<Ping> {
  private seen = 0;
  handlePing(_message: Ping, _sender: Address): void {
    this.seen = globalCounter++;
  }
}
class CountingServer extends Node implements MessageHandlers<Ping> {
  private pings = 0;
  handlePing(_message: Ping, _sender: Address): void {
    this.pings = Math.min(this.pings + 1, 3);
  }
}
class PingOnce extends Node implements Client {
  constructor(
    address: Address,
    private readonly server: Address,
  ) {
    super(address);
  }
  sendCommand(_command: Command): void {
    this.send({ kind: 'Ping' }, this.server);
  }
  hasResult(): boolean {
    return false;
  }
  getResult(): Result {
    throw new Error('never');
  }
}

describe('--checks', () => {
  const search = (server: Node): ReturnType<typeof breadthFirstSearch> => {
    const system = new SystemBuilder()
      .addNode(server)
      .addClientWorker(
        new PingOnce(address('client1'), server.address),
        scriptedWorkload([{ kind: 'Go' }]),
      );
    return breadthFirstSearch(new SystemModel(system.build(), { checks: true }), []);
  };

  it('finds a non-deterministic handler, naming the node, the handler and the event', () => {
    const result = search(new NonDeterministicServer(address('server')));
    expect(result.outcome).toBe('exception thrown');
    if (!isFinding(result) || result.outcome !== 'exception thrown') throw new Error('no finding');
    expect(String(result.error)).toBe(
      'HandlerCheckError: non-deterministic handler: server handlePing on client1 -> server {"kind":"Ping"} gave a different result when run again from the same state',
    );
  });

  it('finds a handler that is not idempotent', () => {
    const result = search(new CountingServer(address('server')));
    expect(result.outcome).toBe('exception thrown');
    if (!isFinding(result) || result.outcome !== 'exception thrown') throw new Error('no finding');
    expect(String(result.error)).toBe(
      'HandlerCheckError: non-idempotent handler: server handlePing on client1 -> server {"kind":"Ping"} changes the node\'s state again when the same message is delivered twice',
    );
  });

  it('passes the reference lab 1 solution', () => {
    const model = labOneModel(2, 2).withSettings({ checks: true });
    expect(breadthFirstSearch(model, [RESULTS_OK, CLIENTS_DONE_PRUNE]).uniqueStates).toBe(80);
  });
});
