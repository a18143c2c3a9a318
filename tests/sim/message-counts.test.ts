import { describe, expect, it } from 'vitest';
import { address, subAddress } from '../../framework/index.ts';
import { Simulation, sumMessageCounts } from '../../framework/testing.ts';
import { ProbeEcho, ProbeParent, ProbeReceiver, ProbeSender } from '../fixtures/probe-nodes.ts';

const SENDER = address('sender');
const ECHO = address('echo');
const SINK = address('sink');

describe('message counts of a run', () => {
  it('count what each node sent, was sent and was delivered', () => {
    const simulation = new Simulation({ seed: 1 });
    simulation.addNode(ECHO, () => new ProbeEcho(ECHO));
    simulation.addNode(SENDER, () => new ProbeSender(SENDER, [ECHO], 10));
    simulation.runFor(50);
    expect(simulation.messageCounts(SENDER)).toEqual({ sent: 10, addressed: 10, delivered: 10 });
    expect(simulation.messageCounts(ECHO)).toEqual({ sent: 10, addressed: 10, delivered: 10 });
    expect(simulation.messageCounts(address('nobody'))).toEqual({
      sent: 0,
      addressed: 0,
      delivered: 0,
    });
  });

  it('count a dropped message as sent and addressed, and a duplicate as delivered twice', () => {
    const simulation = new Simulation({
      seed: 3,
      network: { deliveryRate: 0.5, duplicateRate: 0.5 },
    });
    simulation.addNode(SINK, () => new ProbeReceiver(SINK));
    simulation.addNode(SENDER, () => new ProbeSender(SENDER, [SINK], 400));
    simulation.runFor(50);
    const sink = simulation.messageCounts(SINK);
    expect(sink.addressed).toBe(400);
    expect(sink.delivered).toBe(simulation.node<ProbeReceiver>(SINK).received.length);
    // Half are lost and half of the rest delivered twice: about 300, and neither 400 nor 200.
    expect(sink.delivered).toBeGreaterThan(220);
    expect(sink.delivered).toBeLessThan(380);
    expect(simulation.messageCounts(SENDER).sent).toBe(400);
  });

  it('count a sub-node under its root, and go on counting across a crash and restart', () => {
    const parent = address('parent');
    const simulation = new Simulation({ seed: 1 });
    simulation.addNode(parent, () => new ProbeParent(parent));
    simulation.addNode(SENDER, () => new ProbeSender(SENDER, [subAddress(parent, 'inner')], 3));
    simulation.runFor(20);
    simulation.stopNode(SENDER);
    simulation.restartNode(SENDER);
    simulation.runFor(20);
    expect(simulation.messageCounts(parent)).toEqual({ sent: 0, addressed: 6, delivered: 6 });
    expect(simulation.messageCounts(subAddress(parent, 'inner')).delivered).toBe(6);
    expect(sumMessageCounts(simulation.allMessageCounts().values())).toEqual({
      sent: 6,
      addressed: 6,
      delivered: 6,
    });
  });
});
