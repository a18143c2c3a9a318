import { describe, expect, it } from 'vitest';
import { CLIENTS_DONE, isFinding } from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { exploreOptions } from '../../framework/testing.ts';
import { paxosExplore } from '../../labs/paxos/explore.ts';

describe('lab 3 explore mode', () => {
  it('offers every workload on both variants', () => {
    expect(paxosExplore.workloads.map((workload) => workload.name)).toEqual([
      'optimized/one-append',
      'optimized/put-get',
      'basic/one-append',
      'basic/put-get',
    ]);
  });

  it.each(['optimized/one-append', 'basic/put-get'])(
    'builds %s: the clients can finish, and the invariants hold on the way',
    (workload) => {
      const system = paxosExplore.build(exploreOptions(paxosExplore, { workload }));
      const [initial] = system.model.initialStates();
      if (initial === undefined) throw new Error('no initial state');
      expect(system.model.events(initial).length).toBeGreaterThan(0);
      const invariants = system.predicates.filter((predicate) => predicate.kind === 'invariant');
      const result = breadthFirstSearch(
        system.model.withSettings({ deliverTimers: false }),
        [...invariants, CLIENTS_DONE],
        { stateLimit: 200_000 },
      );
      expect(result.outcome).toBe('goal found');
      expect(
        isFinding(result) && result.outcome === 'goal found' ? result.predicate.name : '',
      ).toBe('clients done');
    },
  );
});
