import { type Address, address } from '../../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  expectGoal,
  expectOutcome,
  goal,
  type LabSearchResult,
  type LabTest,
  labTest,
  type PathEnd,
  type Predicate,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type SystemState,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import { kvWorkload, sameKeyAppends } from '../../kvstore/index.ts';
import type { PrimaryBackupImplementation } from '../implementation.ts';
import { INITIAL_VIEWNUM, type View } from '../view.ts';
import { serverAddress, VIEW_SERVER } from './setup.ts';
import {
  clientDone,
  pruneAnnounced,
  pruneOtherThan,
  pruneViewsFrom,
  viewStarted,
} from './view-predicates.ts';

const [S1, S2, S3] = [serverAddress(1), serverAddress(2), serverAddress(3)];
const [C1, C2] = [address('client1'), address('client2')];
/** DSLabs's limits on each search of these tests. */
const SHORT_MS = 20_000;
const LONG_MS = 30_000;

/** The initial search state: the view server, `servers`, and a client per workload. */
function buildModel(
  context: TestContext,
  implementation: PrimaryBackupImplementation,
  serverCount: number,
  workloads: readonly Workload[],
): SystemModel {
  const builder = new SystemBuilder(context.seed).addNode(implementation.viewServer(VIEW_SERVER));
  for (let number = 1; number <= serverCount; number++)
    builder.addNode(implementation.server(serverAddress(number), VIEW_SERVER));
  workloads.forEach((workload, index) =>
    builder.addClientWorker(
      implementation.client(address(`client${index + 1}`), VIEW_SERVER),
      workload,
    ),
  );
  return new SystemModel(builder.build());
}

/**
 * DSLabs's `initView`: from `start`, a state where the view server announced `view` to its
 * servers and `clients`, and the primary acknowledged it. Only the view server, and the primary
 * and backup between them, talk: the clients' requests wait, and servers outside the view are
 * cut off (so that the view server finds them dead).
 */
function initView(
  context: TestContext,
  model: SystemModel,
  view: View,
  clients: readonly Address[],
  invariants: readonly Predicate<SystemState>[],
  start?: PathEnd<SystemState, number>,
): PathEnd<SystemState, number> {
  const members = [view.primary, view.backup].filter((node) => node !== null);
  const settings = model.withSettings({
    partition: [[VIEW_SERVER, ...members, ...clients]],
    inactiveLinks: clients.flatMap((client) =>
      members.flatMap((member) => [[client, member] as const, [member, client] as const]),
    ),
  });
  return expectGoal(
    context.search({
      description: `view ${view.viewNum} started`,
      model: settings,
      predicates: [
        ...invariants,
        pruneViewsFrom(view.viewNum + 1),
        pruneOtherThan(view),
        viewStarted(view, [...members, ...clients]),
      ],
      strategy: 'breadth-first',
      timeLimitMs: LONG_MS,
      ...(start === undefined ? {} : { start }),
    }),
  );
}

/** Expects no violation: the space exhausted, or the time limit reached first. */
function expectSafe(result: LabSearchResult<SystemState, number>): void {
  expectOutcome(result, 'space exhausted', 'time exhausted');
}

/** Part 2's search tests (numbered 16–20, as DSLabs's). */
export function searchTests(implementation: PrimaryBackupImplementation): LabTest[] {
  return [
    labTest({
      part: 2,
      number: 16,
      points: 15,
      kind: 'search',
      description: 'Search: single client, single server: clients done, then every state checked',
      run: (context) => {
        const model = buildModel(context, implementation, 1, [
          kvWorkload(['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'], ['PutOk', 'barbaz', 'barbaz']),
        ]);
        expectGoal(
          context.search({
            description: 'clients done',
            model,
            predicates: [RESULTS_OK, CLIENTS_DONE],
            strategy: 'breadth-first',
            timeLimitMs: LONG_MS,
          }),
        );
        expectSafe(
          context.search({
            description: 'every state until clients are done',
            model,
            predicates: [RESULTS_OK, CLIENTS_DONE_PRUNE],
            strategy: 'breadth-first',
            timeLimitMs: LONG_MS,
          }),
        );
      },
    }),
    labTest({
      part: 2,
      number: 17,
      points: 15,
      kind: 'search',
      description:
        'Search: single client, three servers, from view 2: clients done; no wrong result before view 4, nor ever',
      run: (context) => {
        const model = buildModel(context, implementation, 3, [
          kvWorkload(['PUT:foo:bar', 'GET:foo'], ['PutOk', 'bar']),
        ]);
        const started = initView(
          context,
          model,
          { viewNum: INITIAL_VIEWNUM + 1, primary: S1, backup: S2 },
          [C1],
          [RESULTS_OK],
        );
        expectGoal(
          context.search({
            description: 'clients done, server3 inactive',
            model: model.withSettings({ inactiveNodes: [S3] }),
            predicates: [RESULTS_OK, pruneViewsFrom(INITIAL_VIEWNUM + 2), CLIENTS_DONE],
            start: started,
            strategy: 'breadth-first',
            timeLimitMs: SHORT_MS,
          }),
        );
        const phases: [string, Predicate<SystemState>[], SystemModel][] = [
          [
            'every state before view 4, server3 inactive',
            [pruneViewsFrom(INITIAL_VIEWNUM + 3)],
            model.withSettings({ inactiveNodes: [S3] }),
          ],
          ['every state, server3 inactive', [], model.withSettings({ inactiveNodes: [S3] })],
          ['every state, every node active', [], model],
        ];
        for (const [description, prunes, phaseModel] of phases)
          expectSafe(
            context.search({
              description,
              model: phaseModel,
              predicates: [RESULTS_OK, CLIENTS_DONE_PRUNE, ...prunes],
              start: started,
              strategy: 'breadth-first',
              timeLimitMs: SHORT_MS,
            }),
          );
      },
    }),
    labTest({
      part: 2,
      number: 18,
      points: 20,
      kind: 'search',
      description:
        "Search: two clients' appends, their forwards reaching the backup in any order: linearizable in every state",
      run: (context) => {
        const model = buildModel(context, implementation, 2, [
          kvWorkload(['APPEND:foo:x']),
          kvWorkload(['APPEND:foo:y']),
        ]);
        const started = initView(
          context,
          model,
          { viewNum: INITIAL_VIEWNUM + 1, primary: S1, backup: S2 },
          [C1, C2],
          [APPENDS_LINEARIZABLE],
        );
        const bothSent = goal<SystemState>(
          'both clients sent their requests to server1',
          (state) => {
            const senders = new Set(
              state
                .messages()
                .filter((envelope) => envelope.to === S1 && envelope.message.kind !== 'Ping')
                .map((envelope) => envelope.from),
            );
            return senders.has(C1) && senders.has(C2);
          },
        );
        const requestsSent = expectGoal(
          context.search({
            description: 'requests sent to the primary',
            model: model.withSettings({
              partition: [[C1, C2, S1, VIEW_SERVER]],
              inactiveLinks: [
                [S1, VIEW_SERVER],
                [VIEW_SERVER, S1],
              ],
            }),
            predicates: [APPENDS_LINEARIZABLE, bothSent],
            start: started,
            strategy: 'breadth-first',
            timeLimitMs: SHORT_MS,
          }),
        );
        expectGoal(
          context.search({
            description: 'clients done',
            model,
            predicates: [APPENDS_LINEARIZABLE, CLIENTS_DONE],
            start: requestsSent,
            strategy: 'breadth-first',
            timeLimitMs: SHORT_MS,
          }),
        );
        expectSafe(
          context.search({
            description: 'every state until view 4, or server1 alone in view 3',
            model,
            predicates: [
              APPENDS_LINEARIZABLE,
              CLIENTS_DONE_PRUNE,
              pruneViewsFrom(INITIAL_VIEWNUM + 3),
              pruneAnnounced({ viewNum: INITIAL_VIEWNUM + 2, primary: S1, backup: null }),
            ],
            start: requestsSent,
            strategy: 'breadth-first',
            timeLimitMs: LONG_MS,
          }),
        );
      },
    }),
    labTest({
      part: 2,
      number: 19,
      points: 20,
      kind: 'search',
      description:
        "Search: multiple failures to the backup through partitions: the second client sees the first one's append",
      run: (context) => {
        const model = buildModel(context, implementation, 2, [
          kvWorkload(['APPEND:foo:x'], ['x']),
          kvWorkload(['APPEND:foo:y'], ['xy']),
        ]);
        const firstView = initView(
          context,
          model,
          { viewNum: INITIAL_VIEWNUM + 1, primary: S1, backup: S2 },
          [],
          [RESULTS_OK],
        );
        const primaryAlone = initView(
          context,
          model,
          { viewNum: INITIAL_VIEWNUM + 2, primary: S1, backup: null },
          [C1],
          [RESULTS_OK],
          firstView,
        );
        const client1Done = expectGoal(
          context.search({
            description: 'client1 done at server1 alone',
            model: model.withSettings({ partition: [[S1, C1, VIEW_SERVER]] }),
            predicates: [RESULTS_OK, pruneViewsFrom(INITIAL_VIEWNUM + 3), clientDone(C1)],
            start: primaryAlone,
            strategy: 'breadth-first',
            timeLimitMs: 10_000,
          }),
        );
        // server2 comes back as backup (view 4), server1 then dies (view 5): client2, which
        // cannot reach server1, must see client1's append at server2.
        const failover = model.withSettings({
          partition: [[S1, S2, C2, VIEW_SERVER]],
          inactiveLinks: [
            [S1, C2],
            [C2, S1],
          ],
        });
        const prunes = [
          pruneOtherThan({ viewNum: INITIAL_VIEWNUM + 3, primary: S1, backup: S2 }),
          pruneOtherThan({ viewNum: INITIAL_VIEWNUM + 4, primary: S2, backup: null }),
          pruneViewsFrom(INITIAL_VIEWNUM + 5),
        ];
        expectGoal(
          context.search({
            description: 'clients done after the fail-over',
            model: failover,
            predicates: [RESULTS_OK, ...prunes, CLIENTS_DONE],
            start: client1Done,
            strategy: 'breadth-first',
            timeLimitMs: LONG_MS,
          }),
        );
        expectSafe(
          context.search({
            description: 'every state of the fail-over',
            model: failover,
            predicates: [RESULTS_OK, ...prunes],
            start: client1Done,
            strategy: 'breadth-first',
            timeLimitMs: LONG_MS,
          }),
        );
      },
    }),
    labTest({
      part: 2,
      number: 20,
      points: 20,
      kind: 'search',
      description:
        'Search: three servers, two clients appending to one key: random probes to depth 1000, appends linearizable',
      run: (context) => {
        const model = buildModel(context, implementation, 3, [
          sameKeyAppends(1, 'foo'),
          sameKeyAppends(1, 'foo'),
        ]);
        expectSafe(
          context.search({
            description: 'random probes',
            model,
            predicates: [APPENDS_LINEARIZABLE, CLIENTS_DONE_PRUNE],
            strategy: 'random',
            depthLimit: 1000,
            timeLimitMs: 45_000,
          }),
        );
      },
    }),
  ];
}
