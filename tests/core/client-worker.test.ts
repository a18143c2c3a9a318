import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import { type ClientWorker, infiniteWorkload, Simulation } from '../../framework/testing.ts';
import { append, appendResult, kvWorkload } from '../../labs/kvstore/index.ts';
import { KVServer } from '../fixtures/kv-server.ts';
import { RetryClient, RETRY_MS } from '../fixtures/request-reply.ts';

const SERVER = address('server');
const CLIENT = address('client1');

function setUp(
  network: ConstructorParameters<typeof Simulation>[0]['network'],
  workload: Parameters<Simulation['addClientWorker']>[2],
): { simulation: Simulation; worker: ClientWorker } {
  const simulation = new Simulation({ seed: 1, network });
  simulation.addNode(SERVER, () => new KVServer(SERVER));
  const worker = simulation.addClientWorker(
    CLIENT,
    () => new RetryClient(CLIENT, SERVER),
    workload,
  );
  return { simulation, worker };
}

describe('ClientWorker', () => {
  it('submits one command at a time and records invocations and responses in simulated time', () => {
    const { simulation, worker } = setUp(
      { latencyMsMin: 2, latencyMsMax: 2 },
      kvWorkload(['PUT:k:a', 'APPEND:k:b', 'GET:k'], ['PutOk', 'ab', 'ab']),
    );
    expect(worker.pendingCommand).toEqual({ kind: 'Put', key: 'k', value: 'a' });
    expect(simulation.runUntilClientsDone(1_000)).toBe(true);
    expect(simulation.history).toEqual([
      {
        type: 'invoke',
        client: CLIENT,
        index: 0,
        value: { kind: 'Put', key: 'k', value: 'a' },
        timeMicros: 0,
      },
      { type: 'return', client: CLIENT, index: 0, value: { kind: 'PutOk' }, timeMicros: 4_000 },
      {
        type: 'invoke',
        client: CLIENT,
        index: 1,
        value: { kind: 'Append', key: 'k', value: 'b' },
        timeMicros: 4_000,
      },
      {
        type: 'return',
        client: CLIENT,
        index: 1,
        value: { kind: 'AppendResult', value: 'ab' },
        timeMicros: 8_000,
      },
      {
        type: 'invoke',
        client: CLIENT,
        index: 2,
        value: { kind: 'Get', key: 'k' },
        timeMicros: 8_000,
      },
      {
        type: 'return',
        client: CLIENT,
        index: 2,
        value: { kind: 'GetResult', value: 'ab' },
        timeMicros: 12_000,
      },
    ]);
    expect(worker.results).toEqual([
      { kind: 'PutOk' },
      { kind: 'AppendResult', value: 'ab' },
      { kind: 'GetResult', value: 'ab' },
    ]);
    expect(worker.completed).toBe(3);
    expect(worker.isDone()).toBe(true);
    expect(worker.pendingCommand).toBeUndefined();
    expect(simulation.nowMs).toBe(12);
  });

  it('a response that needed retries is recorded when it finally arrives', () => {
    const { simulation } = setUp({ latencyMsMin: 2, latencyMsMax: 2 }, kvWorkload(['PUT:k:a']));
    simulation.setLinkActive(CLIENT, SERVER, false);
    simulation.runFor(RETRY_MS + 1); // the first request is lost; the retry at 20 ms is too
    simulation.setLinkActive(CLIENT, SERVER, true);
    simulation.runUntilClientsDone(1_000);
    // The retry at 40 ms goes through: 2 ms there, 2 ms back.
    expect(simulation.history.map((entry) => [entry.type, entry.timeMicros])).toEqual([
      ['invoke', 0],
      ['return', 2 * RETRY_MS * 1000 + 4_000],
    ]);
  });

  it('on an infinite workload, counts results without keeping them, and is never done', () => {
    const { simulation, worker } = setUp(
      { latencyMsMin: 1, latencyMsMax: 1 },
      infiniteWorkload([append('key-%a', '%n;')]),
    );
    simulation.runFor(100.5);
    expect(worker.completed).toBe(50);
    expect(worker.results).toEqual([]);
    expect(worker.isDone()).toBe(false);
    expect(worker.pendingCommand).toEqual(append('key-client1', '51;'));
    const lastReturn = simulation.history.at(-2);
    expect(lastReturn?.value).toEqual(
      appendResult(Array.from({ length: 50 }, (_, index) => `${index + 1};`).join('')),
    );
  });
});
