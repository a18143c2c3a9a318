import {
  checkClientsDone,
  checkResultsOk,
  checkStateSizeAbove,
  checkStateSizeBelow,
  checkThat,
  labTest,
  type LabTest,
} from '../../../framework/testing.ts';
import { encode } from '../../../framework/engine.ts';
import { leave } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { addStoreClients, administer, getsOf, joinGroup, putsOf, startStore } from './setup.ts';

const SHARD_COUNT = 10;
const KEY_COUNT = 40;
/** 40 values of 64 KiB: 2.5 MiB of key data, more than the bound the servers must fall below. */
const VALUE_BYTES = 64 * 1024;
const STATE_BOUND_BYTES = 2 * 1024 * 1024;

/** A value that names its key, so that a copy of it left anywhere in a server can be found. */
function bigValue(index: number): string {
  const marker = `gc-value-${index}-`;
  return marker.repeat(Math.ceil(VALUE_BYTES / marker.length)).slice(0, VALUE_BYTES);
}

/**
 * Beyond DSLabs's suite: after every shard has left group 1 and the clients are done, each of
 * its servers holds less than 2 MiB and no copy of any value of a shard it no longer owns.
 */
export function garbageCollectionTest(implementation: ShardStoreImplementation): LabTest {
  return labTest({
    part: 2,
    number: 16,
    points: 10,
    kind: 'run',
    description:
      'Garbage collection: once group 1 has left, its servers hold < 2 MiB and no key data',
    run: (context) => {
      const run = startStore(context, implementation, {
        groupIds: [1, 2],
        serversPerGroup: 3,
        shardCount: SHARD_COUNT,
      });
      const entries = Array.from({ length: KEY_COUNT }, (_, index): [string, string] => [
        `key-${index + 1}`,
        bigValue(index + 1),
      ]);
      const group1 = run.groups.get(1) ?? [];
      administer(run, [joinGroup(run, 1)], 'admin1');
      addStoreClients(run, implementation, 1, putsOf(entries), 'loader');
      run.simulation.runUntilClientsDone(30_000);
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
      for (const server of group1)
        checkStateSizeAbove(run.simulation.node(server), STATE_BOUND_BYTES);
      administer(run, [joinGroup(run, 2), leave(1)], 'admin2');
      addStoreClients(run, implementation, 1, getsOf(entries), 'reader');
      run.simulation.runUntilClientsDone(30_000);
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
      run.simulation.runFor(5_000);
      for (const server of group1) {
        const node = run.simulation.node(server);
        checkStateSizeBelow(node, STATE_BOUND_BYTES);
        const state = encode(node);
        for (const [key, value] of entries)
          checkThat(
            !state.includes(value.slice(0, 64)),
            `${server} still holds data of ${key}, whose shard group 1 no longer owns`,
          );
      }
    },
  });
}
