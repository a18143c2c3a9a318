import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import {
  CLIENTS_DONE_PRUNE,
  isFinding,
  resultsLinearizable,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import { kvSpec } from '../../framework/check/index.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import {
  referenceImplementation,
  type ClientServerImplementation,
} from '../../labs/clientserver/implementation.ts';
import { kvWorkload, sameKeyAppends } from '../../labs/kvstore/index.ts';
import { noDuplicateSuppression, staleResults } from './broken-servers.ts';

const SERVER = address('server');
const CLIENT = address('client1');

function model(implementation: ClientServerImplementation): SystemModel {
  const workload = kvWorkload(['APPEND:foo:x', 'APPEND:foo:y', 'GET:foo'], ['x', 'xy', 'xy']);
  const builder = new SystemBuilder()
    .addNode(implementation.server(SERVER))
    .addClientWorker(implementation.client(CLIENT, SERVER), workload);
  return new SystemModel(builder.build());
}

/** Replays a path from the initial state, returning each state along it. */
function replay(system: SystemModel, initial: SystemState, path: readonly number[]): SystemState[] {
  const states = [initial];
  for (const event of path) {
    const current = states[states.length - 1] as SystemState;
    expect(system.events(current)).toContain(event);
    states.push(system.next(current, event));
  }
  return states;
}

describe.each([
  [
    'without duplicate suppression',
    noDuplicateSuppression,
    3,
    'command 1 {"kind":"Append","key":"foo","value":"x"}: expected {"kind":"AppendResult","value":"x"}, got {"kind":"AppendResult","value":"xx"}',
  ],
  [
    'answering with a stale result',
    staleResults,
    4,
    'command 2 {"kind":"Append","key":"foo","value":"y"}: expected {"kind":"AppendResult","value":"xy"}, got {"kind":"AppendResult","value":"x"}',
  ],
])('a lab 1 server %s', (_name, implementation, pathLength, message) => {
  it('is caught by breadth-first search with a short counterexample that replays', () => {
    const system = model(implementation);
    const result = breadthFirstSearch(system, [RESULTS_OK, CLIENTS_DONE_PRUNE]);
    expect(result.outcome).toBe('invariant violated');
    if (!isFinding(result) || result.outcome !== 'invariant violated')
      throw new Error('no finding');
    expect(result.path.length).toBe(pathLength);
    expect(result.path.length).toBeLessThanOrEqual(8);
    expect(result.detail).toBe(`client1 ${message}`);
    const states = replay(system, result.initial, result.path);
    expect(states.slice(0, -1).map((state) => RESULTS_OK.test(state))).toEqual(
      states.slice(0, -1).map(() => true),
    );
    expect(RESULTS_OK.test(states[states.length - 1] as SystemState)).toBe(`client1 ${message}`);
  });

  it('fails the lab 1 suite', async () => {
    const { clientServerTests } = await import('../../labs/clientserver/tests.ts');
    const { executeTest } = await import('../../framework/testing.ts');
    const searchTest = clientServerTests(implementation).find(
      (test) => test.part === 3 && test.number === 8,
    );
    if (searchTest === undefined) throw new Error('lab 1 has no test 3.8');
    const execution = executeTest(searchTest, { seed: 1 });
    expect(execution.passed).toBe(false);
    expect(execution.failure).toContain('invariant "results OK"');
  });
});

describe('the linearizability invariant in search', () => {
  const sameKeyModel = (implementation: ClientServerImplementation): SystemModel => {
    const builder = new SystemBuilder().addNode(implementation.server(SERVER));
    for (const client of [CLIENT, address('client2')])
      builder.addClientWorker(implementation.client(client, SERVER), sameKeyAppends(2));
    return new SystemModel(builder.build());
  };

  it('holds in every state of the reference solution, in-flight commands included', () => {
    const result = breadthFirstSearch(sameKeyModel(referenceImplementation), [
      resultsLinearizable(kvSpec()),
      CLIENTS_DONE_PRUNE,
    ]);
    expect(result.outcome).toBe('space exhausted');
    expect(result.uniqueStates).toBe(269);
  });

  it('catches a server that applies a retransmitted append twice', () => {
    const result = breadthFirstSearch(sameKeyModel(noDuplicateSuppression), [
      resultsLinearizable(kvSpec()),
      CLIENTS_DONE_PRUNE,
    ]);
    expect(result.outcome).toBe('invariant violated');
    if (!isFinding(result) || result.outcome !== 'invariant violated')
      throw new Error('no finding');
    expect(result.path).toHaveLength(3);
    expect(result.detail).toContain('AppendResult("client1.1;client1.1;")');
  });
});
