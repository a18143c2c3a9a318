import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import { Simulation } from '../../framework/testing.ts';
import { EventLog } from '../fixtures/event-log.ts';
import { ProbeReceiver, ProbeSender } from '../fixtures/probe-nodes.ts';

const SENDER = address('sender');
const RECEIVER = address('receiver');
const PROBES = 500;
const PROPERTY_OPTIONS = { seed: 4_711, numRuns: 40 };

function run(
  seed: number,
  latencyMsMin: number,
  latencyMsMax: number,
): { log: EventLog; receiver: ProbeReceiver } {
  const log = new EventLog();
  const simulation = new Simulation({
    seed,
    network: { latencyMsMin, latencyMsMax },
    onEvent: log.record,
  });
  const receiver = simulation.addNode(RECEIVER, () => new ProbeReceiver(RECEIVER)) as ProbeReceiver;
  simulation.addNode(SENDER, () => new ProbeSender(SENDER, [RECEIVER], PROBES));
  simulation.runFor(latencyMsMax + 1);
  return { log, receiver };
}

/** Latency bounds in ms, whole or to the microsecond, min ≤ max. */
const latencyRanges = fc
  .tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 }))
  .map(([a, b]) => [Math.min(a, b) / 1000, Math.max(a, b) / 1000] as const);

function inversions(ids: readonly number[]): number {
  let count = 0;
  for (let i = 1; i < ids.length; i++) if ((ids[i] ?? 0) < (ids[i - 1] ?? 0)) count++;
  return count;
}

describe('network latency', () => {
  it('delivers each message between latencyMsMin and latencyMsMax after it was sent', () => {
    fc.assert(
      fc.property(fc.nat(), latencyRanges, (seed, [latencyMsMin, latencyMsMax]) => {
        const deliveries = run(seed, latencyMsMin, latencyMsMax).log.probeDeliveries();
        expect(deliveries).toHaveLength(PROBES);
        const latencies = deliveries.map(
          ({ sentMicros, deliveredMicros }) => deliveredMicros - sentMicros,
        );
        const lowest = Math.min(...latencies);
        const highest = Math.max(...latencies);
        expect(lowest).toBeGreaterThanOrEqual(Math.round(latencyMsMin * 1000));
        expect(highest).toBeLessThanOrEqual(Math.round(latencyMsMax * 1000));
        // The draws spread over the range: 500 uniform draws all miss a quarter of it with
        // probability (3/4)^500.
        const quarter = (latencyMsMax - latencyMsMin) * 250;
        expect(lowest).toBeLessThanOrEqual(latencyMsMin * 1000 + quarter);
        expect(highest).toBeGreaterThanOrEqual(latencyMsMax * 1000 - quarter);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('reorders messages when the latency range is wide', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const ids = run(seed, 1, 50).receiver.received.map(({ id }) => id);
        expect(ids).toHaveLength(PROBES);
        expect(inversions(ids)).toBeGreaterThan(PROBES / 4);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('keeps the sending order when every message has the same latency', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 100 }), (seed, latencyMs) => {
        const ids = run(seed, latencyMs, latencyMs).receiver.received.map(({ id }) => id);
        expect(ids).toEqual(Array.from({ length: PROBES }, (_, index) => index + 1));
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('changes latency from the moment setNetwork is called', () => {
    const log = new EventLog();
    const simulation = new Simulation({
      seed: 3,
      network: { latencyMsMin: 2, latencyMsMax: 2 },
      onEvent: log.record,
    });
    simulation.addNode(RECEIVER, () => new ProbeReceiver(RECEIVER));
    simulation.addNode(SENDER, () => new ProbeSender(SENDER, [RECEIVER], 1));
    simulation.setNetwork({ latencyMsMin: 7, latencyMsMax: 7 });
    simulation.addNode(address('late'), () => new ProbeSender(address('late'), [RECEIVER], 1));
    simulation.runFor(10);
    expect(log.ofType('deliver').map((event) => [event.from, event.timeMicros])).toEqual([
      [SENDER, 2_000],
      ['late', 7_000],
    ]);
  });
});
