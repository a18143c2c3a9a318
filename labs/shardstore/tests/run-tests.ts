import {
  checkClientsDone,
  checkResultsOk,
  scriptedWorkload,
  type LabTest,
  type TestContext,
} from '../../../framework/index.ts';
import { differentKeysAppends, kvWorkload } from '../../kvstore/index.ts';
import { join } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { addAdmin, addStoreClients, startStore } from './setup.ts';

const SHARD_COUNT = 10;

/** A run test of part 2, numbered `number`. */
function runTest(
  number: number,
  description: string,
  run: (context: TestContext) => void,
): LabTest {
  return { number, part: 2, description, points: 5, kind: 'run', run };
}

/** Part 2's run tests (numbered as DSLabs's lab 4 part 2, as far as they are built). */
export function runTests(implementation: ShardStoreImplementation): LabTest[] {
  return [
    runTest(1, 'Single group, basic operations and appends to 10 keys', (context) => {
      const run = startStore(context, implementation, {
        groupIds: [1],
        serversPerGroup: 3,
        shardCount: SHARD_COUNT,
      });
      addAdmin(run, scriptedWorkload([join(1, run.groups.get(1) ?? [])]));
      run.simulation.runFor(1_000);
      addStoreClients(
        run,
        implementation,
        1,
        kvWorkload(
          ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo', 'GET:missing'],
          ['PutOk', 'barbaz', 'barbaz', 'KeyNotFound'],
        ),
        'simple',
      );
      addStoreClients(run, implementation, 10, differentKeysAppends(10));
      run.simulation.runUntilClientsDone(20_000);
      checkClientsDone(run.simulation);
      checkResultsOk(run.simulation);
    }),
  ];
}
