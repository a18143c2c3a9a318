import { describe, expect, it } from 'vitest';
import { address, Node, subAddress } from '../../framework/index.ts';
import { Simulation } from '../../framework/testing.ts';
import { EventLog } from '../fixtures/event-log.ts';
import { ProbeParent, ProbeReceiver, Ticker } from '../fixtures/probe-nodes.ts';

const A = address('a');
const B = address('b');
const C = address('c');
const PERIOD_MS = 10;

/** Three tickers, each probing the other two every 10 ms, on a 1 ms network. */
function triangle(): { simulation: Simulation; log: EventLog } {
  const log = new EventLog();
  const simulation = new Simulation({
    seed: 1,
    network: { latencyMsMin: 1, latencyMsMax: 1 },
    onEvent: log.record,
  });
  for (const node of [A, B, C])
    simulation.addNode(
      node,
      () =>
        new Ticker(
          node,
          [A, B, C].filter((other) => other !== node),
          PERIOD_MS,
        ),
    );
  return { simulation, log };
}

/** Which links carried a delivery, and which dropped a message, in a window of time. */
function links(
  log: EventLog,
  fromMs: number,
  toMs: number,
): { delivered: Set<string>; dropped: Set<string> } {
  const inWindow = (event: { timeMicros: number }): boolean =>
    event.timeMicros >= fromMs * 1000 && event.timeMicros < toMs * 1000;
  return {
    delivered: new Set(
      log
        .ofType('deliver')
        .filter(inWindow)
        .map((event) => `${event.from}>${event.to}`),
    ),
    dropped: new Set(
      log
        .ofType('drop')
        .filter(inWindow)
        .map((event) => `${event.from}>${event.to}`),
    ),
  };
}

const ALL_LINKS = ['a>b', 'a>c', 'b>a', 'b>c', 'c>a', 'c>b'];

describe('partitions', () => {
  it('lets only nodes of the same group talk, and healing restores every link', () => {
    const { simulation, log } = triangle();
    simulation.runFor(50);
    simulation.partition([A, B], [C]);
    simulation.runFor(50);
    simulation.healPartition();
    simulation.runFor(50);

    const before = links(log, 0, 50);
    expect([...before.delivered].sort()).toEqual(ALL_LINKS);
    expect(before.dropped.size).toBe(0);

    const during = links(log, 51, 100);
    expect([...during.delivered].sort()).toEqual(['a>b', 'b>a']);
    expect([...during.dropped].sort()).toEqual(['a>c', 'b>c', 'c>a', 'c>b']);

    const after = links(log, 101, 150);
    expect([...after.delivered].sort()).toEqual(ALL_LINKS);
    expect(after.dropped.size).toBe(0);
  });

  it('cuts off every node left out of the groups', () => {
    const { simulation, log } = triangle();
    simulation.partition([A, B]);
    simulation.runFor(50);
    expect([...links(log, 0, 50).delivered].sort()).toEqual(['a>b', 'b>a']);
  });

  it('setLinkActive cuts one direction only, and restores it', () => {
    const { simulation, log } = triangle();
    simulation.setLinkActive(A, B, false);
    simulation.runFor(50);
    simulation.setLinkActive(A, B, true);
    simulation.runFor(50);
    const cut = links(log, 0, 50);
    expect([...cut.delivered].sort()).toEqual(ALL_LINKS.filter((link) => link !== 'a>b'));
    expect([...cut.dropped]).toEqual(['a>b']);
    expect([...links(log, 51, 100).delivered].sort()).toEqual(ALL_LINKS);
  });

  it('drops a message whose link is cut while it is in flight', () => {
    const log = new EventLog();
    const simulation = new Simulation({
      seed: 1,
      network: { latencyMsMin: 5, latencyMsMax: 5 },
      onEvent: log.record,
    });
    const receiver = simulation.addNode(B, () => new ProbeReceiver(B)) as ProbeReceiver;
    simulation.addNode(A, () => new Ticker(A, [B], 10));
    simulation.runFor(12); // the first probe leaves at 10 ms and is due at 15 ms
    simulation.setLinkActive(A, B, false);
    simulation.runFor(5);
    expect(receiver.received).toEqual([]);
    expect(log.ofType('drop').map((event) => event.timeMicros)).toEqual([15_000]);
  });

  it('delivers to sub-nodes, and cuts them off with their root node', () => {
    const log = new EventLog();
    const simulation = new Simulation({
      seed: 1,
      network: { latencyMsMin: 1, latencyMsMax: 1 },
      onEvent: log.record,
    });
    const parent = simulation.addNode(B, () => new ProbeParent(B)) as ProbeParent;
    simulation.addNode(A, () => new Ticker(A, [subAddress(B, 'inner')], 10));
    simulation.runFor(25);
    simulation.partition([A], [B]);
    simulation.runFor(20);
    expect(parent.inner.received).toEqual([
      { from: A, id: 1 },
      { from: A, id: 2 },
    ]);
    expect(log.ofType('drop').map((event) => [event.to, event.timeMicros])).toEqual([
      ['b/inner', 30_000],
      ['b/inner', 40_000],
    ]);
  });
});

describe('a partition and nodes added after it', () => {
  it('cuts off a node added later that is in no group', () => {
    const simulation = new Simulation({ seed: 3 });
    const first = address('first');
    const late = address('late');
    const received: string[] = [];
    class Receiver extends Node {
      handleNote(message: { kind: 'Note'; text: string }): void {
        received.push(`${this.address}:${message.text}`);
      }
    }
    class Sender extends Node {
      override init(): void {
        this.send({ kind: 'Note', text: 'hello' }, first);
      }
    }
    simulation.addNode(first, () => new Receiver(first));
    simulation.partition([first]);
    simulation.addNode(late, () => new Sender(late));
    simulation.runFor(100);
    expect(received).toEqual([]);
    simulation.healPartition();
    simulation.removeNode(late);
    simulation.addNode(late, () => new Sender(late));
    simulation.runFor(100);
    expect(received).toEqual(['first:hello']);
  });
});

describe('partitions and cut links as typed control events', () => {
  it('records each change of a link, and no event for a link set as it already was', () => {
    const { simulation, log } = triangle();
    simulation.setLinkActive(A, B, true);
    simulation.setLinkActive(A, B, false);
    simulation.setLinkActive(A, B, false);
    simulation.runFor(5);
    simulation.setLinkActive(A, B, true);
    simulation.partition([A, B], [C]);
    simulation.healPartition();
    expect(log.ofType('control').filter((event) => event.action !== 'add')).toEqual([
      { type: 'control', timeMicros: 0, action: 'link', from: A, to: B, active: false },
      { type: 'control', timeMicros: 5_000, action: 'link', from: A, to: B, active: true },
      { type: 'control', timeMicros: 5_000, action: 'partition', groups: [[A, B], [C]] },
      { type: 'control', timeMicros: 5_000, action: 'heal' },
    ]);
  });

  it('tells the partition and cut links in force, which a search from there keeps', () => {
    const { simulation } = triangle();
    simulation.partition([A, C]);
    simulation.setLinkActive(C, A, false);
    expect(simulation.connectivity()).toEqual({ partition: [[A, C]], inactiveLinks: [[C, A]] });
    simulation.healPartition();
    expect(simulation.connectivity()).toEqual({});
  });
});
