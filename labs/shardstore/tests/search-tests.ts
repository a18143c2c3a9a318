import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  expectGoal,
  expectOutcome,
  type LabTest,
  labTest,
  RESULTS_OK,
} from '../../../framework/testing.ts';
import { kvWorkload, sameKeyAppends } from '../../kvstore/index.ts';
import { move } from '../../shardmaster/index.ts';
import type { ShardStoreImplementation } from '../implementation.ts';
import { buildStoreSearch, clientsFinished, joins } from './search-setup.ts';

const SHARD_COUNT = 2;
/** On shard 1 and shard 2 of two: after both groups join, one on each group. */
const TWO_SHARDS = kvWorkload(
  ['PUT:key-1:a', 'PUT:key-2:b', 'GET:key-1', 'GET:key-2'],
  ['PutOk', 'PutOk', 'a', 'b'],
);
const SEARCH_TIME_LIMIT_MS = 20_000;

/** Part 2's search tests: single-server groups, as DSLabs's, so the spaces stay searchable. */
export function searchTests(implementation: ShardStoreImplementation): LabTest[] {
  return [
    labTest({
      part: 2,
      number: 11,
      points: 10,
      kind: 'search',
      description: 'Single client, single group: the client finishes, then every state to depth 12',
      run: (context) => {
        const { model } = buildStoreSearch(context, implementation, {
          groupIds: [1],
          serversPerGroup: 1,
          shardCount: SHARD_COUNT,
          administration: (groups) => joins(groups, [1]),
          workloads: [
            kvWorkload(['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'], ['PutOk', 'barbaz', 'barbaz']),
          ],
        });
        expectGoal(
          context.search({
            description: 'clients done',
            model,
            predicates: [RESULTS_OK, CLIENTS_DONE],
            strategy: 'breadth-first',
            timeLimitMs: SEARCH_TIME_LIMIT_MS,
          }),
        );
        const explored = context.search({
          description: 'every state to depth 12',
          model,
          predicates: [RESULTS_OK, CLIENTS_DONE_PRUNE],
          strategy: 'breadth-first',
          depthLimit: 12,
          timeLimitMs: SEARCH_TIME_LIMIT_MS,
        });
        expectOutcome(explored, 'space exhausted', 'time exhausted');
      },
    }),
    labTest({
      part: 2,
      number: 12,
      points: 10,
      kind: 'search',
      description:
        'Single client, two groups: group 2 joins and takes a shard, and the client reads both keys',
      run: (context) => {
        const { model } = buildStoreSearch(context, implementation, {
          groupIds: [1, 2],
          serversPerGroup: 1,
          shardCount: SHARD_COUNT,
          administration: (groups) => joins(groups, [1, 2]),
          workloads: [TWO_SHARDS],
        });
        const explored = context.search({
          description: 'every state to depth 10',
          model,
          predicates: [RESULTS_OK, CLIENTS_DONE_PRUNE],
          strategy: 'breadth-first',
          depthLimit: 10,
          timeLimitMs: SEARCH_TIME_LIMIT_MS,
        });
        expectOutcome(explored, 'space exhausted', 'time exhausted');
        // Too deep for breadth-first: the Joins, both groups' reconfigurations, the transfer
        // and the client's four commands. Random probes find it.
        expectGoal(
          context.search({
            description: 'clients done',
            model,
            predicates: [RESULTS_OK, CLIENTS_DONE],
            strategy: 'random',
            depthLimit: 1000,
            timeLimitMs: SEARCH_TIME_LIMIT_MS,
          }),
        );
      },
    }),
    labTest({
      part: 2,
      number: 13,
      points: 10,
      kind: 'search',
      description:
        'Two clients, two groups, in phases: group 1 serves, then group 2 joins and a shard moves back and forth',
      run: (context) => {
        const { model, admin, clients } = buildStoreSearch(context, implementation, {
          groupIds: [1, 2],
          serversPerGroup: 1,
          shardCount: SHARD_COUNT,
          administration: (groups) => [...joins(groups, [1, 2]), move(1, 2)],
          workloads: [sameKeyAppends(2, 'key-2'), sameKeyAppends(2, 'key-2')],
        });
        const [first] = clients;
        const served = expectGoal(
          context.search({
            description: 'the first client done',
            model,
            predicates: [APPENDS_LINEARIZABLE, clientsFinished(first === undefined ? [] : [first])],
            strategy: 'random',
            depthLimit: 1000,
            timeLimitMs: SEARCH_TIME_LIMIT_MS,
          }),
        );
        const explored = context.search({
          description: 'every state to depth 8 from there',
          model,
          predicates: [APPENDS_LINEARIZABLE, CLIENTS_DONE_PRUNE],
          start: served,
          strategy: 'breadth-first',
          depthLimit: 8,
          timeLimitMs: SEARCH_TIME_LIMIT_MS,
        });
        expectOutcome(explored, 'space exhausted', 'time exhausted');
        expectGoal(
          context.search({
            description: 'the administrator and both clients done',
            model,
            predicates: [APPENDS_LINEARIZABLE, clientsFinished([admin, ...clients])],
            start: served,
            strategy: 'random',
            depthLimit: 1000,
            timeLimitMs: SEARCH_TIME_LIMIT_MS,
          }),
        );
      },
    }),
    ...[1, 3].map((serversPerGroup, index) =>
      labTest({
        part: 2,
        number: 14 + index,
        points: 10,
        kind: 'search',
        description: `Random probes to depth 1000 with 2 groups of ${serversPerGroup} server${serversPerGroup > 1 ? 's' : ''}, a shard moving back and forth under 2 clients`,
        run: (context) => {
          const { model } = buildStoreSearch(context, implementation, {
            groupIds: [1, 2],
            serversPerGroup,
            shardCount: SHARD_COUNT,
            administration: (groups) => [...joins(groups, [1, 2]), move(1, 2), move(2, 2)],
            workloads: [sameKeyAppends(3, 'key-2'), sameKeyAppends(3, 'key-2')],
          });
          const probes = context.search({
            description: 'random probes',
            model,
            predicates: [APPENDS_LINEARIZABLE],
            strategy: 'random',
            depthLimit: 1000,
            timeLimitMs: 10_000,
          });
          expectOutcome(probes, 'time exhausted', 'space exhausted');
        },
      }),
    ),
  ];
}
