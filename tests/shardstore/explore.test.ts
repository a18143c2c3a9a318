import { describe, expect, it } from 'vitest';
import { breadthFirstSearch } from '../../framework/engine.ts';
import {
  CLIENTS_DONE,
  ExploreOptionError,
  exploreOptions,
  isFinding,
} from '../../framework/testing.ts';
import { shardStoreExplore } from '../../labs/shardstore/explore.ts';

describe('lab 4 explore mode', () => {
  it('defaults to one group of one server, one shard master, one client, 4 shards, JOIN:1', () => {
    const options = exploreOptions(shardStoreExplore, {});
    expect(options).toEqual({
      servers: 1,
      clients: 1,
      workload: 'one-append',
      seed: 0,
      counts: { groups: 1, 'shard-masters': 1, shards: 4 },
      texts: { 'config-script': 'JOIN:1' },
    });
    const system = shardStoreExplore.build(options);
    expect(system.description).toBe(
      '1 group of 1 server, 1 shard master, 1 client, 4 shards; config script JOIN:1; one-append',
    );
  });

  it('builds groups × servers, shard masters, an administrator running the script, and clients', () => {
    const system = shardStoreExplore.build(
      exploreOptions(shardStoreExplore, {
        servers: 2,
        clients: 3,
        counts: { groups: 3, 'shard-masters': 3 },
        texts: { 'config-script': 'JOIN:1,JOIN:2,MOVE:2:3,LEAVE:1' },
      }),
    );
    const [initial] = system.model.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    expect(system.model.system.addresses.map(String)).toEqual([
      'master1',
      'master2',
      'master3',
      'server1-1',
      'server1-2',
      'server2-1',
      'server2-2',
      'server3-1',
      'server3-2',
      'admin',
      'client1',
      'client2',
      'client3',
    ]);
    // Without a script there is nothing for an administrator to do, and no administrator.
    const quiet = shardStoreExplore.build(
      exploreOptions(shardStoreExplore, { texts: { 'config-script': '' } }),
    );
    expect(quiet.model.system.addresses.map(String)).not.toContain('admin');
  });

  it.each(['one-append', 'put-get'])(
    'with one group, %s: the clients can finish (timers off, breadth-first)',
    (workload) => {
      const system = shardStoreExplore.build(exploreOptions(shardStoreExplore, { workload }));
      const invariants = system.predicates.filter((predicate) => predicate.kind === 'invariant');
      const result = breadthFirstSearch(
        system.model.withSettings({ deliverTimers: false }),
        [...invariants, CLIENTS_DONE],
        { stateLimit: 200_000 },
      );
      expect(result.outcome).toBe('goal found');
      expect(isFinding(result) ? result.predicate?.name : '').toBe('clients done');
    },
  );

  it('refuses options outside its ranges and scripts that cannot be read, naming them', () => {
    const refusal = (requested: Parameters<typeof exploreOptions>[1]): string => {
      try {
        exploreOptions(shardStoreExplore, requested);
      } catch (error) {
        expect(error).toBeInstanceOf(ExploreOptionError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal({ counts: { groups: 5 } })).toBe(
      '--groups must be from 1 to 4 for this lab; got 5',
    );
    expect(refusal({ counts: { shards: 0 } })).toBe(
      '--shards must be from 1 to 20 for this lab; got 0',
    );
    expect(refusal({ counts: { groups: 2 }, texts: { 'config-script': 'JOIN:3' } })).toBe(
      '--config-script: config script, command 1 "JOIN:3": the group must be a number from 1 to 2, not "3"',
    );
    expect(refusal({ texts: { 'config-script': 'MOVE:1:5' } })).toMatch(
      /the shard must be a number from 1 to 4, not "5"/,
    );
    expect(refusal({ counts: { replicas: 2 } })).toBe(
      '--replicas is not an option of this lab; it has: --groups, --shard-masters, --shards, --config-script',
    );
  });
});
