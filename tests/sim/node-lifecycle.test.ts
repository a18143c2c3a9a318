import { describe, expect, it } from 'vitest';
import { type Address, address, Node, subAddress } from '../../framework/index.ts';
import { Simulation } from '../../framework/testing.ts';
import { DurableNode } from '../fixtures/durable-node.ts';
import { EventLog } from '../fixtures/event-log.ts';
import { ProbeReceiver, Ticker } from '../fixtures/probe-nodes.ts';

const NODE = address('node');
const TICKER = address('ticker');

/** A durable node probed every 10 ms over a 1 ms network. */
function probedDurableNode(): { simulation: Simulation; log: EventLog } {
  const log = new EventLog();
  const simulation = new Simulation({
    seed: 5,
    network: { latencyMsMin: 1, latencyMsMax: 1 },
    onEvent: log.record,
  });
  simulation.addNode(NODE, () => new DurableNode(NODE));
  simulation.addNode(TICKER, () => new Ticker(TICKER, [NODE], 10));
  return { simulation, log };
}

describe('stopping and restarting nodes', () => {
  it('a stopped node receives nothing: messages for it are dropped', () => {
    const { simulation, log } = probedDurableNode();
    simulation.runFor(25);
    simulation.stopNode(NODE);
    simulation.runFor(30);
    expect(simulation.isActive(NODE)).toBe(false);
    expect(simulation.node<DurableNode>(NODE).log).toEqual([1, 2]);
    expect(log.ofType('deliver').every((event) => event.timeMicros < 25_000)).toBe(true);
    expect(log.ofType('drop').map((event) => event.timeMicros)).toEqual([31_000, 41_000, 51_000]);
  });

  it('a stopped node loses its pending timers, even once restarted', () => {
    const { simulation, log } = probedDurableNode();
    simulation.runFor(50);
    simulation.stopNode(NODE);
    simulation.runFor(10);
    simulation.restartNode(NODE); // at 60 ms: the alarm set at 0 ms was due at 100 ms
    simulation.runFor(150);
    const alarms = log.ofType('timer').filter((event) => event.to === NODE);
    expect(alarms.map((event) => [event.timeMicros, event.timer])).toEqual([
      [160_000, { kind: 'Alarm', boot: 2 }],
    ]);
  });

  it('restartNode keeps exactly the persistent fields and runs init() again', () => {
    const { simulation } = probedDurableNode();
    simulation.runFor(35);
    const before = simulation.node<DurableNode>(NODE);
    expect(before).toMatchObject({ log: [1, 2, 3], boots: 1, volatileCount: 3 });
    simulation.stopNode(NODE);
    simulation.restartNode(NODE);
    const after = simulation.node<DurableNode>(NODE);
    expect(after).not.toBe(before);
    expect(after).toBeInstanceOf(DurableNode);
    expect(after.address).toBe(NODE);
    // boots went from 1 to 2: the persisted value, incremented by init() running again.
    expect({
      log: after.log,
      boots: after.boots,
      volatileCount: after.volatileCount,
      lastProbe: after.lastProbe,
      alarms: after.alarms,
    }).toEqual({
      log: [1, 2, 3],
      boots: 2,
      volatileCount: 0,
      lastProbe: undefined,
      alarms: 0,
    });
    // The persisted fields are copies: the crashed incarnation cannot reach into the new one.
    expect(after.log).not.toBe(before.log);
    simulation.runFor(10);
    expect(after.log).toEqual([1, 2, 3, 4]);
    expect(before.log).toEqual([1, 2, 3]);
  });

  it('restart of a node without persistent fields starts it from scratch', () => {
    const simulation = new Simulation({ seed: 1, network: { latencyMsMin: 1, latencyMsMax: 1 } });
    simulation.addNode(NODE, () => new ProbeReceiver(NODE));
    simulation.addNode(TICKER, () => new Ticker(TICKER, [NODE], 10));
    simulation.runFor(25);
    expect(simulation.node<ProbeReceiver>(NODE).received).toHaveLength(2);
    simulation.stopNode(NODE);
    simulation.restartNode(NODE);
    expect(simulation.node<ProbeReceiver>(NODE).received).toEqual([]);
  });

  it('a sub-node keeps its own persistent fields through the restart of its parent', () => {
    /** A root node whose only state is a durable sub-node (as a server holds its Paxos). */
    class DurableParent extends Node {
      readonly inner: DurableNode;
      volatileCount = 0;
      constructor(address: Address) {
        super(address);
        this.inner = new DurableNode(subAddress(address, 'inner'));
      }
      override init(): void {
        this.inner.init();
      }
    }
    const simulation = new Simulation({ seed: 1 });
    simulation.addNode(NODE, () => new DurableParent(NODE));
    const before = simulation.node<DurableParent>(NODE);
    before.inner.log.push(7);
    before.inner.volatileCount = 3;
    before.volatileCount = 4;
    simulation.stopNode(NODE);
    simulation.restartNode(NODE);
    const after = simulation.node<DurableParent>(NODE);
    expect(after.inner).not.toBe(before.inner);
    expect(after.volatileCount).toBe(0);
    expect({
      log: after.inner.log,
      boots: after.inner.boots,
      volatileCount: after.inner.volatileCount,
    }).toEqual({ log: [7], boots: 2, volatileCount: 0 });
    expect(after.inner.log).not.toBe(before.inner.log);
  });

  it('records the addition, stop and restart of a node as control events', () => {
    const simulation = new Simulation({ seed: 1, recordEvents: true });
    simulation.addNode(NODE, () => new ProbeReceiver(NODE));
    simulation.runFor(3);
    simulation.stopNode(NODE);
    simulation.runFor(4);
    simulation.restartNode(NODE);
    expect(simulation.events).toEqual([
      { type: 'control', timeMicros: 0, action: 'add', node: NODE },
      { type: 'control', timeMicros: 3_000, action: 'stop', node: NODE },
      { type: 'control', timeMicros: 7_000, action: 'restart', node: NODE },
    ]);
  });
});

describe('adding and removing nodes during a run', () => {
  it('a node added mid-run starts at once and receives from then on', () => {
    const log = new EventLog();
    const simulation = new Simulation({
      seed: 2,
      network: { latencyMsMin: 1, latencyMsMax: 1 },
      onEvent: log.record,
    });
    simulation.addNode(TICKER, () => new Ticker(TICKER, [NODE], 10));
    simulation.runFor(25);
    const late = simulation.addNode(NODE, () => new DurableNode(NODE)) as DurableNode;
    simulation.runFor(20);
    expect(log.ofType('drop').map((event) => event.timeMicros)).toEqual([11_000, 21_000]);
    expect(late.log).toEqual([3, 4]);
    expect(simulation.addresses()).toEqual([TICKER, NODE]);
    // Its init() ran when it was added, at 25 ms: the alarm is due 100 ms later.
    simulation.runFor(100);
    expect(
      log
        .ofType('timer')
        .filter((event) => event.to === NODE)
        .map((event) => event.timeMicros),
    ).toEqual([125_000]);
  });

  it('a removed node receives nothing and its timers never fire', () => {
    const log = new EventLog();
    const simulation = new Simulation({
      seed: 2,
      network: { latencyMsMin: 1, latencyMsMax: 1 },
      onEvent: log.record,
    });
    simulation.addNode(NODE, () => new DurableNode(NODE));
    simulation.addNode(TICKER, () => new Ticker(TICKER, [NODE], 10));
    simulation.runFor(25);
    simulation.removeNode(NODE);
    simulation.runFor(100);
    expect(simulation.addresses()).toEqual([TICKER]);
    expect(
      log
        .ofType('deliver')
        .filter((event) => event.to === NODE)
        .map((event) => event.timeMicros),
    ).toEqual([11_000, 21_000]);
    expect(log.ofType('timer').filter((event) => event.to === NODE)).toEqual([]);
    expect(() => simulation.node(NODE)).toThrow('there is no node node');
  });

  it("a node re-added under a removed address does not inherit its predecessor's timers", () => {
    const log = new EventLog();
    const simulation = new Simulation({ seed: 2, onEvent: log.record });
    simulation.addNode(NODE, () => new DurableNode(NODE)); // its alarm is due at 100 ms
    simulation.runFor(50);
    simulation.removeNode(NODE);
    const successor = simulation.addNode(NODE, () => new DurableNode(NODE)) as DurableNode;
    simulation.runFor(150);
    expect(log.ofType('timer').map((event) => [event.timeMicros, event.timer])).toEqual([
      [150_000, { kind: 'Alarm', boot: 1 }],
    ]);
    expect(successor.alarms).toBe(1);
  });

  it('refuses a second node at an address, and a factory that builds the wrong address', () => {
    const simulation = new Simulation({ seed: 1 });
    simulation.addNode(NODE, () => new ProbeReceiver(NODE));
    expect(() => simulation.addNode(NODE, () => new ProbeReceiver(NODE))).toThrow(
      'a node node already exists',
    );
    expect(() => simulation.addNode(address('other'), () => new ProbeReceiver(NODE))).toThrow(
      'the factory for other built a node with address node',
    );
  });
});
