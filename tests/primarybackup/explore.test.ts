import { describe, expect, it } from 'vitest';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { CLIENTS_DONE, exploreOptions, isFinding } from '../../framework/testing.ts';
import { primaryBackupExplore } from '../../labs/primarybackup/explore.ts';

describe('lab 2 explore mode', () => {
  it.each([
    ['put-get', 1, 1],
    ['same-key', 2, 2],
  ])(
    'builds %s with %i servers and %i clients: the clients can finish',
    (workload, servers, clients) => {
      const system = primaryBackupExplore.build(
        exploreOptions(primaryBackupExplore, { workload, servers, clients }),
      );
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
      primaryBackupExplore.build({
        servers: 1,
        clients: 1,
        workload: 'none',
        seed: 1,
        counts: {},
        texts: {},
      }),
    ).toThrow('lab 2 has no explore workload none');
  });
});
