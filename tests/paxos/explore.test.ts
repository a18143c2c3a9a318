import { describe, expect, it } from 'vitest';
import { CLIENTS_DONE, isFinding } from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { exploreOptions } from '../../framework/testing.ts';
import { paxosExplore } from '../../labs/paxos/explore.ts';
import { paxosLab } from '../../labs/paxos/index.ts';

describe('lab 3 explore mode', () => {
  it('offers its workloads by name, the variant being an option of its own', () => {
    expect(paxosExplore.workloads.map((workload) => workload.name)).toEqual([
      'one-append',
      'put-get',
    ]);
    expect(exploreOptions(paxosExplore, {}, paxosLab).variant).toBe('optimized');
    expect(exploreOptions(paxosExplore, { variant: 'basic' }, paxosLab).variant).toBe('basic');
    expect(() => exploreOptions(paxosExplore, { variant: 'fast' }, paxosLab)).toThrow(
      'unknown variant "fast"; this lab has: optimized, basic',
    );
  });

  it.each([
    ['optimized', 'one-append'],
    ['basic', 'put-get'],
  ])(
    'builds %s with %s: the clients can finish, and the invariants hold on the way',
    (variant, workload) => {
      const system = paxosExplore.build(
        exploreOptions(paxosExplore, { variant, workload }, paxosLab),
      );
      expect(system.description).toContain(`(${variant})`);
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
