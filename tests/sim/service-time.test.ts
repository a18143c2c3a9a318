import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import { InvalidSettingsError, Simulation } from '../../framework/testing.ts';
import { EventLog } from '../fixtures/event-log.ts';
import {
  ProbeEcho,
  ProbeReceiver,
  ProbeSender,
  Ticker,
  type Probe,
} from '../fixtures/probe-nodes.ts';

const CLIENT = address('client');
const SERVER = address('server');

/** The client sends three probes at once to an echo server over a 1 ms network. */
function echoThree(serviceTimeMs: number | undefined): { simulation: Simulation; log: EventLog } {
  const log = new EventLog();
  const simulation = new Simulation({
    seed: 1,
    network: { latencyMsMin: 1, latencyMsMax: 1 },
    onEvent: log.record,
    ...(serviceTimeMs === undefined ? {} : { serviceTimeMs }),
  });
  simulation.addNode(SERVER, () => new ProbeEcho(SERVER));
  simulation.addNode(CLIENT, () => new ProbeSender(CLIENT, [SERVER], 3));
  simulation.runFor(100);
  return { simulation, log };
}

function deliveries(log: EventLog): [string, number][] {
  return log
    .ofType('deliver')
    .map((event) => [`${event.to} #${(event.message as Probe).id}`, event.timeMicros / 1000]);
}

describe('service time', () => {
  it('without a service time, a node handles everything that arrives at once', () => {
    const { log } = echoThree(undefined);
    expect(deliveries(log)).toEqual([
      ['server #1', 1],
      ['server #2', 1],
      ['server #3', 1],
      ['client #1', 2],
      ['client #2', 2],
      ['client #3', 2],
    ]);
  });

  it('a node handles one event at a time, and what it sends leaves when its processing ends', () => {
    const { simulation, log } = echoThree(5);
    // The client's init() ends at 5 ms, so its probes arrive at 6 ms. The server then
    // takes 5 ms per probe (6, 11, 16), each echo leaving as that processing ends; the
    // client is itself busy 5 ms per echo, which happens to match the spacing.
    expect(deliveries(log)).toEqual([
      ['server #1', 6],
      ['server #2', 11],
      ['client #1', 12],
      ['server #3', 16],
      ['client #2', 17],
      ['client #3', 22],
    ]);
    // Sends are logged when the handler runs, not when they leave.
    expect(log.ofType('send').map((event) => event.timeMicros / 1000)).toEqual([
      0, 0, 0, 6, 11, 16,
    ]);
    expect(simulation.node<ProbeSender>(CLIENT).echoes).toEqual([1, 2, 3]);
  });

  it('events that wait for a busy node keep their order of arrival', () => {
    // The client's init() draws the 20 latencies first in both runs, so the probes arrive
    // at the server in the same order with or without a service time.
    const arrivals = (serviceTimeMs: number): { ids: number[]; times: number[] } => {
      const log = new EventLog();
      const simulation = new Simulation({
        seed: 9,
        network: { latencyMsMin: 0, latencyMsMax: 3 },
        serviceTimeMs,
        onEvent: log.record,
      });
      simulation.addNode(SERVER, () => new ProbeEcho(SERVER));
      simulation.addNode(CLIENT, () => new ProbeSender(CLIENT, [SERVER], 20));
      simulation.runFor(200);
      const atServer = log.ofType('deliver').filter((event) => event.to === SERVER);
      return {
        ids: atServer.map((event) => (event.message as Probe).id),
        times: atServer.map((event) => event.timeMicros),
      };
    };
    const instant = arrivals(0);
    const busy = arrivals(2);
    expect(instant.ids).not.toEqual([...instant.ids].sort((a, b) => a - b));
    expect(busy.ids).toEqual(instant.ids);
    // One at a time: consecutive handlings are exactly a service time apart once a queue has
    // formed.
    for (let i = 1; i < busy.times.length; i++)
      expect((busy.times[i] ?? 0) - (busy.times[i - 1] ?? 0)).toBe(2_000);
  });

  it('an event arriving just as the node frees up waits behind those already waiting', () => {
    // With 1 ms links and 1 ms of service, every arrival falls on the end of a processing:
    // the burst's probes wait at the server, and the ticker's probes (from 4 ms, one every
    // 2 ms) arrive exactly as the server frees up. They go after the burst, not through it.
    const server = address('receiver');
    const simulation = new Simulation({
      seed: 1,
      network: { latencyMsMin: 1, latencyMsMax: 1 },
      serviceTimeMs: 1,
    });
    simulation.addNode(server, () => new ProbeReceiver(server));
    simulation.addNode(CLIENT, () => new ProbeSender(CLIENT, [server], 5));
    simulation.addNode(address('ticker'), () => new Ticker(address('ticker'), [server], 1));
    simulation.runFor(2.5);
    // Handling the first probe: the other four wait (and are still pending, for the
    // visualizer), and the ticker's first probe is in flight.
    expect(simulation.pendingEvents().filter((event) => event.to === server)).toHaveLength(5);
    simulation.runFor(6);
    const received = simulation.node<ProbeReceiver>(server).received;
    expect(received.map(({ from, id }) => `${from}#${id}`)).toEqual([
      'client#1',
      'client#2',
      'client#3',
      'client#4',
      'client#5',
      'ticker#1',
      'ticker#2',
    ]);
  });

  it('timers are set from the end of processing', () => {
    const log = new EventLog();
    const simulation = new Simulation({ seed: 1, serviceTimeMs: 5, onEvent: log.record });
    simulation.addNode(CLIENT, () => new Ticker(CLIENT, [], 10));
    simulation.runFor(50);
    expect(log.ofType('timer').map((event) => event.timeMicros / 1000)).toEqual([15, 30, 45]);
  });

  it('refuses a negative or infinite service time', () => {
    expect(() => new Simulation({ seed: 1, serviceTimeMs: -1 })).toThrow(InvalidSettingsError);
    expect(() => new Simulation({ seed: 1, serviceTimeMs: Infinity })).toThrow(
      'service time Infinity ms is invalid',
    );
  });
});
