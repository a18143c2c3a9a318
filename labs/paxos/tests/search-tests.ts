import type { Address } from '../../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  expectGoal,
  expectOutcome,
  type LabTest,
  labTest,
  type Predicate,
  RESULTS_OK,
  type SystemState,
} from '../../../framework/testing.ts';
import { kvWorkload, sameKeyAppends } from '../../kvstore/index.ts';
import type { PaxosImplementation } from '../implementation.ts';
import type { PaxosServerNode } from '../log-inspection.ts';
import {
  LOG_WITH_HOLE,
  NO_SLOT_CHOSEN,
  PAXOS_INVARIANTS,
  slotChosenOutside,
  SOME_SLOT_CHOSEN,
} from '../invariants.ts';
import { buildSearch } from './setup.ts';

const PUT_APPEND_GET = kvWorkload(
  ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'],
  ['PutOk', 'barbaz', 'barbaz'],
);
const ONE_PUT = kvWorkload(['PUT:foo:bar'], ['PutOk']);
/**
 * Every search checks these in every state; and the results, where the workloads say what they must
 * be.
 */
const INVARIANTS: readonly Predicate<SystemState>[] = PAXOS_INVARIANTS;
const WITH_RESULTS: readonly Predicate<SystemState>[] = [...PAXOS_INVARIANTS, RESULTS_OK];

/** Part 3: search tests. */
export function searchTests(implementation: PaxosImplementation): LabTest[] {
  return [
    labTest({
      part: 3,
      number: 1,
      points: 10,
      kind: 'search',
      description:
        'Single client, timers off: a decision inside a majority, clients done, then every state explored',
      run: (context) => {
        const { servers, clients, model } = buildSearch(context, implementation, 3, [
          PUT_APPEND_GET,
        ]);
        const [s1, s2] = servers as [Address, Address];
        const majority = model.withSettings({
          deliverTimers: false,
          partition: [[s1, s2, ...clients]],
        });
        const decided = expectGoal(
          context.search({
            description: 'first decision inside a majority',
            model: majority,
            predicates: [...WITH_RESULTS, SOME_SLOT_CHOSEN],
            strategy: 'breadth-first',
          }),
        );
        const connected = model.withSettings({ deliverTimers: false });
        expectGoal(
          context.search({
            description: 'clients done',
            model: connected,
            predicates: [...WITH_RESULTS, CLIENTS_DONE],
            start: decided,
            strategy: 'breadth-first',
          }),
        );
        const explored = context.search({
          description: 'every state inside the majority',
          model: majority,
          predicates: [...WITH_RESULTS, CLIENTS_DONE_PRUNE],
          strategy: 'breadth-first',
        });
        expectOutcome(explored, 'space exhausted');
      },
    }),
    labTest({
      part: 3,
      number: 2,
      points: 10,
      kind: 'search',
      description:
        'Single client, timers on: an election and a decision without the first leader, clients done, then every state to depth 12',
      run: (context) => {
        const { servers, clients, model } = buildSearch(context, implementation, 3, [
          PUT_APPEND_GET,
        ]);
        const [s1, s2, s3] = servers as [Address, Address, Address];
        const withoutLeader = model.withSettings({
          partition: [[s2, s3, ...clients]],
          inactiveNodes: [s1],
        });
        const decided = expectGoal(
          context.search({
            description: 'first decision after an election',
            model: withoutLeader,
            predicates: [...WITH_RESULTS, SOME_SLOT_CHOSEN],
            strategy: 'breadth-first',
          }),
        );
        const quiet = withoutLeader.withSettings({
          ...withoutLeader.settings,
          deliverTimers: false,
        });
        expectGoal(
          context.search({
            description: 'clients done',
            model: quiet,
            predicates: [...WITH_RESULTS, CLIENTS_DONE],
            start: decided,
            strategy: 'breadth-first',
          }),
        );
        const explored = context.search({
          description: 'every state to depth 12, timers on',
          model: model.withSettings({ partition: [[s1, s2, ...clients]], inactiveNodes: [s3] }),
          predicates: [...WITH_RESULTS, CLIENTS_DONE_PRUNE],
          strategy: 'breadth-first',
          depthLimit: 12,
          timeLimitMs: 15_000,
        });
        expectOutcome(explored, 'space exhausted');
      },
    }),
    labTest({
      part: 3,
      number: 3,
      points: 10,
      kind: 'search',
      description:
        'No decision ever in a minority: the first leader alone, then a follower alone with timers',
      run: (context) => {
        const { servers, clients, model } = buildSearch(context, implementation, 3, [
          PUT_APPEND_GET,
        ]);
        const [s1, s2, s3] = servers as [Address, Address, Address];
        const leaderAlone = context.search({
          description: 'the first leader and the client alone',
          model: model.withSettings({ partition: [[s1, ...clients]], inactiveNodes: [s2, s3] }),
          predicates: [...WITH_RESULTS, NO_SLOT_CHOSEN],
          strategy: 'breadth-first',
        });
        expectOutcome(leaderAlone, 'space exhausted');
        // Its ballots grow with every election it starts: the space is infinite, explored to a
        // depth.
        const followerAlone = context.search({
          description: 'a follower and the client alone, to depth 30',
          model: model.withSettings({ partition: [[s3, ...clients]], inactiveNodes: [s1, s2] }),
          predicates: [...WITH_RESULTS, NO_SLOT_CHOSEN],
          strategy: 'breadth-first',
          depthLimit: 30,
        });
        expectOutcome(followerAlone, 'space exhausted');
      },
    }),
    labTest({
      part: 3,
      number: 4,
      points: 10,
      kind: 'search',
      description:
        'Two clients append to one key: clients done, and appends linearizable in every state within a majority',
      run: (context) => {
        const { servers, clients, model } = buildSearch(context, implementation, 3, [
          sameKeyAppends(2),
          sameKeyAppends(2),
        ]);
        const [s1, s2] = servers as [Address, Address];
        const predicates = [...INVARIANTS, APPENDS_LINEARIZABLE];
        const majority = model.withSettings({
          deliverTimers: false,
          partition: [[s1, s2, ...clients]],
        });
        expectGoal(
          context.search({
            description: 'clients done',
            model: majority,
            predicates: [...predicates, CLIENTS_DONE],
            strategy: 'breadth-first',
          }),
        );
        const explored = context.search({
          description: 'every state inside a majority',
          model: majority,
          predicates: [...predicates, CLIENTS_DONE_PRUNE],
          strategy: 'breadth-first',
          timeLimitMs: 15_000,
        });
        expectOutcome(explored, 'space exhausted', 'time exhausted');
      },
    }),
    labTest({
      part: 3,
      number: 5,
      points: 10,
      kind: 'search',
      description: 'Quorums of 5 servers: nothing is chosen by 2, something is by 3',
      run: (context) => {
        const { servers, clients, model } = buildSearch(context, implementation, 5, [ONE_PUT]);
        const [s1, s2, s3] = servers as [Address, Address, Address];
        const two = context.search({
          description: 'the first leader and one follower',
          model: model.withSettings({ deliverTimers: false, partition: [[s1, s2, ...clients]] }),
          predicates: [...WITH_RESULTS, NO_SLOT_CHOSEN],
          strategy: 'breadth-first',
        });
        expectOutcome(two, 'space exhausted');
        const three = context.search({
          description: 'the first leader and two followers',
          model: model.withSettings({
            deliverTimers: false,
            partition: [[s1, s2, s3, ...clients]],
          }),
          predicates: [...WITH_RESULTS, SOME_SLOT_CHOSEN],
          strategy: 'breadth-first',
        });
        expectGoal(three);
      },
    }),
    holesTest(implementation),
    labTest({
      part: 3,
      number: 7,
      points: 10,
      kind: 'search',
      description: 'Random probes to depth 1000 with 3 servers and 2 clients, timers on',
      run: (context) => {
        const { model } = buildSearch(context, implementation, 3, [
          sameKeyAppends(3),
          sameKeyAppends(3),
        ]);
        const probes = context.search({
          description: 'random probes',
          model,
          predicates: [...INVARIANTS, APPENDS_LINEARIZABLE],
          strategy: 'random',
          depthLimit: 1000,
          timeLimitMs: 10_000,
        });
        expectOutcome(probes, 'time exhausted', 'space exhausted');
      },
    }),
    labTest({
      part: 3,
      number: 8,
      points: 10,
      kind: 'search',
      description: 'Random probes to depth 1000 with 5 servers and 2 clients, timers on',
      run: (context) => {
        const { model } = buildSearch(context, implementation, 5, [
          sameKeyAppends(3),
          sameKeyAppends(3),
        ]);
        const probes = context.search({
          description: 'random probes',
          model,
          predicates: [...INVARIANTS, APPENDS_LINEARIZABLE],
          strategy: 'random',
          depthLimit: 1000,
          timeLimitMs: 10_000,
        });
        expectOutcome(probes, 'time exhausted', 'space exhausted');
      },
    }),
  ];
}

/**
 * A later slot chosen while an earlier one is not; then the first leader is cut off and a
 * new one must fill the hole; then every message ever sent, stale ones included, may be
 * delivered. An acceptor that takes a stale accept over its promise fails here.
 */
function holesTest(implementation: PaxosImplementation): LabTest {
  return labTest({
    part: 3,
    number: 6,
    points: 15,
    kind: 'search',
    description:
      'Logs with holes (a later slot chosen, an earlier one not) stay safe through a change of leader',
    run: (context) => {
      const { servers, model } = buildSearch(context, implementation, 3, [
        kvWorkload(['PUT:a:1'], ['PutOk']),
        kvWorkload(['PUT:b:2'], ['PutOk']),
      ]);
      const [s1] = servers as [Address];
      const quiet = model.withSettings({ deliverTimers: false });
      const hole = expectGoal(
        context.search({
          description: 'a log with a hole',
          model: quiet,
          predicates: [...WITH_RESULTS, LOG_WITH_HOLE],
          strategy: 'breadth-first',
          timeLimitMs: 15_000,
        }),
      );
      const others = servers.filter((server) => server !== s1);
      // Only a new leader can now tell anyone else that slot 1 is chosen.
      const knew = servers.filter(
        (server) =>
          server === s1 || hole.state.node<PaxosServerNode>(server).status(1) === 'chosen',
      );
      const withoutFirst = model.withSettings({ partition: [[...others]], inactiveNodes: [s1] });
      const filled = expectGoal(
        context.search({
          description: 'slot 1 chosen at a server that did not know it, without the first leader',
          model: withoutFirst,
          predicates: [...WITH_RESULTS, slotChosenOutside(1, knew)],
          start: hole,
          strategy: 'breadth-first',
          timeLimitMs: 15_000,
        }),
      );
      const explored = context.search({
        description: 'every message deliverable again, to depth 6',
        model: quiet,
        predicates: WITH_RESULTS,
        start: filled,
        strategy: 'breadth-first',
        depthLimit: 6,
        timeLimitMs: 15_000,
      });
      expectOutcome(explored, 'space exhausted', 'time exhausted');
    },
  });
}
