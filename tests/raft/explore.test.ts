import { describe, expect, it } from 'vitest';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { CLIENTS_DONE, exploreOptions, isFinding } from '../../framework/testing.ts';
import { raftExplore } from '../../labs/raft/explore.ts';

describe('Raft lab explore mode', () => {
  it('offers both workloads', () => {
    expect(raftExplore.workloads.map((workload) => workload.name)).toEqual([
      'one-append',
      'put-get',
    ]);
  });

  it.each(['one-append'])(
    'builds %s: the clients can finish, and the invariants hold on the way',
    (workload) => {
      const system = raftExplore.build(exploreOptions(raftExplore, { workload }));
      const invariants = system.predicates.filter((predicate) => predicate.kind === 'invariant');
      const result = breadthFirstSearch(system.model, [...invariants, CLIENTS_DONE], {
        stateLimit: 200_000,
      });
      expect(result.outcome).toBe('goal found');
      expect(
        isFinding(result) && result.outcome === 'goal found' ? result.predicate.name : '',
      ).toBe('clients done');
    },
  );

  it('refuses a workload it does not have', () => {
    expect(() =>
      raftExplore.build({
        servers: 3,
        clients: 1,
        workload: 'nothing',
        seed: 1,
        counts: {},
        texts: {},
      }),
    ).toThrow(/no explore workload nothing/);
  });
});
