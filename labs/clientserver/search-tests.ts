import { address, addresses } from '../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  expectGoal,
  expectOutcome,
  invariant,
  type LabTest,
  labTest,
  resultsLinearizable,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type SystemState,
  type TestContext,
  type Workload,
} from '../../framework/testing.ts';
import { kvSpec } from '../../framework/check/index.ts';
import { differentKeysAppends, kvWorkload, sameKeyAppends } from '../kvstore/index.ts';
import type { ClientServerImplementation } from './implementation.ts';

const SERVER = address('server');
/** Appends per client in test 3.11: more than a probe of depth 1000 can complete. */
const LONG_WORKLOAD = 600;

/**
 * Lab 1's search tests, in the DSLabs spirit: find a state where the clients are done,
 * then check every state up to there; make sure nothing is decided without a network;
 * and probe a long workload, whose results are all known, deeply at random.
 */
export function clientServerSearchTests(implementation: ClientServerImplementation): LabTest[] {
  const modelOf = (context: TestContext, workloads: readonly Workload[]): SystemModel => {
    const builder = new SystemBuilder(context.seed).addNode(implementation.server(SERVER));
    addresses('client', workloads.length).forEach((client, index) => {
      builder.addClientWorker(implementation.client(client, SERVER), workloads[index] as Workload);
    });
    return new SystemModel(builder.build());
  };
  const doneThenExhausted = (
    context: TestContext,
    model: SystemModel,
    extraInvariants = [RESULTS_OK],
  ): void => {
    expectGoal(
      context.search({
        description: 'clients done',
        model,
        predicates: [...extraInvariants, CLIENTS_DONE],
        strategy: 'breadth-first',
      }),
    );
    expectOutcome(
      context.search({
        description: 'every state until clients are done',
        model,
        predicates: [...extraInvariants, CLIENTS_DONE_PRUNE],
        strategy: 'breadth-first',
      }),
      'space exhausted',
    );
  };
  const putAppendGet = kvWorkload(
    ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'],
    ['PutOk', 'barbaz', 'barbaz'],
  );
  return [
    labTest({
      part: 3,
      number: 7,
      points: 10,
      kind: 'search',
      description: 'Search: put, append, get reach the expected results in every order',
      run(context) {
        const model = modelOf(context, [putAppendGet]);
        doneThenExhausted(context, model);
        const silent = model.withSettings({ networkActive: false });
        const nothingDecided = invariant<SystemState>('no client has a result', (state) =>
          state.clientWorkers().every((worker) => worker.completed === 0),
        );
        expectOutcome(
          context.search({
            description: 'network inactive: nothing is ever decided',
            model: silent,
            predicates: [nothingDecided, CLIENTS_DONE],
            strategy: 'breadth-first',
          }),
          'space exhausted',
        );
      },
    }),
    labTest({
      part: 3,
      number: 8,
      points: 5,
      kind: 'search',
      description: 'Search: append, append, get',
      run(context) {
        doneThenExhausted(
          context,
          modelOf(context, [
            kvWorkload(['APPEND:foo:x', 'APPEND:foo:y', 'GET:foo'], ['x', 'xy', 'xy']),
          ]),
        );
      },
    }),
    labTest({
      part: 3,
      number: 9,
      points: 5,
      kind: 'search',
      description: 'Search: two clients append to different keys',
      run(context) {
        doneThenExhausted(
          context,
          modelOf(context, [differentKeysAppends(2), differentKeysAppends(2)]),
        );
      },
    }),
    labTest({
      part: 3,
      number: 10,
      points: 5,
      kind: 'search',
      description: 'Search: two clients append to the same key, linearizably',
      run(context) {
        doneThenExhausted(context, modelOf(context, [sameKeyAppends(2), sameKeyAppends(2)]), [
          APPENDS_LINEARIZABLE,
          resultsLinearizable(kvSpec()),
        ]);
      },
    }),
    labTest({
      part: 3,
      number: 11,
      points: 10,
      kind: 'search',
      description:
        'Search: long workloads (600 appends each, results known), breadth-first for 15 s, then random probes to depth 1000',
      run(context) {
        // Long enough that no probe of depth 1000 finishes it, and every result is known:
        // a server that executes a retransmission twice, or answers with an old result, fails.
        const one = modelOf(context, [differentKeysAppends(LONG_WORKLOAD)]);
        expectOutcome(
          context.search({
            description: 'one client, breadth-first',
            model: one,
            predicates: [RESULTS_OK],
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
          'time exhausted',
          'space exhausted',
        );
        for (const clients of [1, 2]) {
          const model =
            clients === 1
              ? one
              : modelOf(context, [
                  differentKeysAppends(LONG_WORKLOAD),
                  differentKeysAppends(LONG_WORKLOAD),
                ]);
          expectOutcome(
            context.search({
              description: `${clients} client${clients === 1 ? '' : 's'}, random probes`,
              model,
              predicates: [RESULTS_OK],
              strategy: 'random',
              depthLimit: 1000,
              timeLimitMs: 5_000,
            }),
            'time exhausted',
            'space exhausted',
          );
        }
      },
    }),
  ];
}
