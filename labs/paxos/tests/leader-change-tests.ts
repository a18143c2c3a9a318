import type { Address } from '../../../framework/index.ts';
import {
  expectGoal,
  expectOutcome,
  type LabTest,
  labTest,
  type PathEnd,
  type Predicate,
  RESULTS_OK,
  type SystemModel,
  type SystemState,
  type TestContext,
} from '../../../framework/testing.ts';
import { kvWorkload } from '../../kvstore/index.ts';
import type { PaxosImplementation } from '../implementation.ts';
import { PAXOS_INVARIANTS, slotsShow } from '../invariants.ts';
import { buildSearch } from './setup.ts';

const INVARIANTS: readonly Predicate<SystemState>[] = [...PAXOS_INVARIANTS, RESULTS_OK];
const PUTS = [
  kvWorkload(['PUT:a:1'], ['PutOk']),
  kvWorkload(['PUT:a:2'], ['PutOk']),
  kvWorkload(['PUT:a:3'], ['PutOk']),
];

/**
 * Part 3, changes of leader that reach a slot from two ballots. First (five servers): a leader that
 * a newer ballot has overtaken without its knowing still leads its old ballot, and hears — through
 * a decision or a late fetch reply — of a command chosen in that newer ballot. A follower still in
 * the old ballot holds the stale leader's own proposal for the same slot. Whatever the stale leader
 * does next must not make that follower take its proposal for chosen.
 *
 * Each test steers the search there in phases, each phase letting only the servers it
 * needs talk and only one server's timers fire, then explores every order of what can
 * happen next. (An implementation that the phases cannot steer — one that never gets a
 * proposal to just one follower, say — fails a phase's goal: the phases ask only for what
 * any Multi-Paxos must allow.)
 */
export function leaderChangeTests(implementation: PaxosImplementation): LabTest[] {
  return [
    ...staleLeaderTests(implementation),
    staleAcceptTest(implementation),
    crashTest(implementation),
    highestBallotTest(implementation),
  ];
}

function staleLeaderTests(implementation: PaxosImplementation): LabTest[] {
  return [
    labTest({
      part: 3,
      number: 9,
      points: 15,
      kind: 'search',
      description: 'A stale leader hears of a decision made in a newer ballot (5 servers)',
      run: (context) => {
        const { servers, model, newer } = newerChoiceOverMinorityProposal(context, implementation);
        const [s1, s2, s3] = servers as [Address, Address, Address];
        const explored = context.search({
          description: 'the first leader, server2 and server3 talk: every state to depth 5',
          model: model.withSettings({ partition: [[s1, s2, s3]] }),
          predicates: INVARIANTS,
          start: newer,
          strategy: 'breadth-first',
          depthLimit: 5,
          timeLimitMs: 15_000,
        });
        expectOutcome(explored, 'space exhausted', 'time exhausted');
      },
    }),
    labTest({
      part: 3,
      number: 10,
      points: 15,
      kind: 'search',
      description: 'A stale leader gets a late answer to a fetch it sent as a follower (5 servers)',
      run: (context) => {
        const { servers, clients, model } = buildSearch(context, implementation, 5, PUTS);
        const [s1, s2, s3, s4, s5] = servers as [Address, Address, Address, Address, Address];
        const [c1, c2, c3] = clients as [Address, Address, Address];
        const onlyTimersOf = (node: Address): Address[] =>
          [...servers, ...clients].filter((other) => other !== node);
        const first = expectGoal(
          context.search({
            description: 'slot 1 chosen without server2, and server3 knows it',
            model: model.withSettings({
              partition: [[s1, s3, s4, c1]],
              timersOff: onlyTimersOf(s1),
            }),
            predicates: [...INVARIANTS, slotsShow({ slot: 1, status: 'chosen', servers: [s3] })],
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
        );
        // server2 has nothing in slot 1, and server3 proposes nothing there: only a fetch fills it.
        const fetched = expectGoal(
          context.search({
            description: 'server3 leads, and server2 fetches slot 1 from it',
            model: model.withSettings({
              partition: [[s2, s3, s4]],
              inactiveNodes: [s1, s5],
              timersOff: onlyTimersOf(s3),
            }),
            predicates: [...INVARIANTS, slotsShow({ slot: 1, status: 'chosen', servers: [s2] })],
            start: first,
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
        );
        const stale = expectGoal(
          context.search({
            description: 'server2 leads, and its proposal for slot 2 reaches server5 only',
            model: model.withSettings({
              partition: [[s2, s4, s5, c2]],
              inactiveNodes: [s1, s3],
              timersOff: onlyTimersOf(s2),
            }),
            predicates: [
              ...INVARIANTS,
              slotsShow(
                { slot: 2, status: 'accepted', servers: [s2, s5] },
                { slot: 2, status: 'empty', servers: [s1, s3, s4] },
                { slot: 1, status: 'chosen', servers: [s5] },
              ),
            ],
            start: fetched,
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
        );
        // server4 holds slot 1 as accepted in the first ballot, which every other ballot's leader
        // now refuses.
        const elected = expectGoal(
          context.search({
            description:
              'server4 learns that slot 1 is chosen (from the promises of its election, or a decision)',
            model: model.withSettings({
              partition: [[s1, s3, s4]],
              inactiveNodes: [s2, s5],
              timersOff: onlyTimersOf(s4),
            }),
            predicates: [...INVARIANTS, slotsShow({ slot: 1, status: 'chosen', servers: [s4] })],
            start: stale,
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
        );
        const newerBallot = model.withSettings({
          partition: [[s1, s3, s4, c3]],
          inactiveNodes: [s2, s5],
          timersOff: onlyTimersOf(s4),
        });
        const proposed = expectGoal(
          context.search({
            description: 'server1 and server3 accept another command for slot 2',
            model: newerBallot,
            predicates: [
              ...INVARIANTS,
              slotsShow({ slot: 2, status: 'accepted', servers: [s1, s3] }),
            ],
            start: elected,
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
        );
        const newer = expectGoal(
          context.search({
            description: 'server3 learns that command chosen',
            model: newerBallot,
            predicates: [...INVARIANTS, slotsShow({ slot: 2, status: 'chosen', servers: [s3] })],
            start: proposed,
            strategy: 'breadth-first',
            timeLimitMs: 15_000,
          }),
        );
        // server2's fetch from the second phase is still in the network, and server3 can answer it
        // now.
        const explored = context.search({
          description: 'server2, server3 and server5 talk: every state to depth 6',
          model: model.withSettings({
            partition: [[s2, s3, s5]],
            inactiveNodes: [s1, s4],
            timersOff: onlyTimersOf(s2),
          }),
          predicates: INVARIANTS,
          start: newer,
          strategy: 'breadth-first',
          depthLimit: 6,
          timeLimitMs: 15_000,
        });
        expectOutcome(explored, 'space exhausted', 'time exhausted');
      },
    }),
  ];
}

/**
 * Five servers, staged: the first leader's proposal for slot 1 reaches server2 only; then
 * server3, elected by server4 and server5 (who heard nothing of it), chooses another
 * command there.
 */
function newerChoiceOverMinorityProposal(
  context: TestContext,
  implementation: PaxosImplementation,
): { model: SystemModel; servers: readonly Address[]; newer: PathEnd<SystemState, number> } {
  const { servers, clients, model } = buildSearch(context, implementation, 5, PUTS.slice(0, 2));
  const [s1, s2, s3, s4, s5] = servers as [Address, Address, Address, Address, Address];
  const [c1, c2] = clients as [Address, Address];
  const minority = expectGoal(
    context.search({
      description: 'the first leader proposes for slot 1, and only server2 accepts',
      model: model.withSettings({ deliverTimers: false, partition: [[s1, s2, s3, c1]] }),
      predicates: [
        ...INVARIANTS,
        slotsShow(
          { slot: 1, status: 'accepted', servers: [s1, s2] },
          { slot: 1, status: 'empty', servers: [s3, s4, s5] },
        ),
      ],
      strategy: 'breadth-first',
      timeLimitMs: 15_000,
    }),
  );
  const newer = expectGoal(
    context.search({
      description:
        'server3 leads a newer ballot with server4 and server5, and chooses another command in slot 1',
      model: model.withSettings({
        partition: [[s3, s4, s5, c2]],
        inactiveNodes: [s1, s2],
        timersOff: [s1, s2, s4, s5, ...clients],
      }),
      predicates: [...INVARIANTS, slotsShow({ slot: 1, status: 'chosen', servers: [s3] })],
      start: minority,
      strategy: 'breadth-first',
      timeLimitMs: 15_000,
    }),
  );
  return { model, servers, newer };
}

/**
 * Then server2 runs for election with server1 and server4: server1 reports the first
 * leader's command, in the first ballot, and server4 the chosen one, in server3's. Only the
 * highest-ballot rule makes server2 propose the chosen command again.
 */
function highestBallotTest(implementation: PaxosImplementation): LabTest {
  return labTest({
    part: 3,
    number: 13,
    points: 15,
    kind: 'search',
    description:
      'A new leader told of two commands for one slot proposes the one of the highest ballot (5 servers)',
    run: (context) => {
      const { model, servers, newer } = newerChoiceOverMinorityProposal(context, implementation);
      const [s1, s2, , s4] = servers as [Address, Address, Address, Address];
      const others = model.initial.system.addresses.filter((node) => node !== s2);
      expectGoal(
        context.search({
          description:
            'server2 leads a newer ballot with server1 and server4, and slot 1 is chosen at server2',
          model: model.withSettings({ partition: [[s1, s2, s4]], timersOff: others }),
          predicates: [...INVARIANTS, slotsShow({ slot: 1, status: 'chosen', servers: [s2] })],
          start: newer,
          strategy: 'breadth-first',
          timeLimitMs: 15_000,
        }),
      );
    },
  });
}

/**
 * Three servers, staged: the first leader's proposal for slot 1 is on its way to both
 * followers when server2, elected by server3 without the first leader, chooses another
 * command there. The state every later message can arrive in.
 */
function newerChoiceOverStaleProposal(
  context: TestContext,
  implementation: PaxosImplementation,
): { model: SystemModel; servers: readonly Address[]; chosen: PathEnd<SystemState, number> } {
  const { servers, clients, model } = buildSearch(context, implementation, 3, PUTS.slice(0, 2));
  const [s1, s2, s3] = servers as [Address, Address, Address];
  const [c1, c2] = clients as [Address, Address];
  const proposed = expectGoal(
    context.search({
      description: 'the first leader proposes for slot 1, and nobody has accepted yet',
      model: model.withSettings({ deliverTimers: false, partition: [[s1, s2, c1]] }),
      predicates: [
        ...INVARIANTS,
        slotsShow(
          { slot: 1, status: 'accepted', servers: [s1] },
          { slot: 1, status: 'empty', servers: [s2, s3] },
        ),
      ],
      strategy: 'breadth-first',
      timeLimitMs: 15_000,
    }),
  );
  const chosen = expectGoal(
    context.search({
      description:
        'server2 leads a newer ballot with server3 and chooses another command in slot 1',
      model: model.withSettings({
        partition: [[s2, s3, c2]],
        inactiveNodes: [s1],
        timersOff: [s1, s3, ...clients],
      }),
      predicates: [...INVARIANTS, slotsShow({ slot: 1, status: 'chosen', servers: [s2] })],
      start: proposed,
      strategy: 'breadth-first',
      timeLimitMs: 15_000,
    }),
  );
  return { model, servers, chosen };
}

/**
 * Then the stale accept arrives at the new leader, and the first leader's heartbeats
 * too. An acceptor must refuse them (its promise is higher), or the first leader counts
 * the new leader's vote and chooses its own command too, or the chosen command is
 * overwritten where it was accepted.
 */
function staleAcceptTest(implementation: PaxosImplementation): LabTest {
  return labTest({
    part: 3,
    number: 11,
    points: 15,
    kind: 'search',
    description:
      "A new leader gets the old leader's accept and heartbeats for a slot it has chosen (3 servers)",
    run: (context) => {
      const { model, servers, chosen } = newerChoiceOverStaleProposal(context, implementation);
      // The first leader still leads its ballot, as far as it knows: its heartbeats go out too.
      const firstLeader = servers[0] as Address;
      const explored = context.search({
        description:
          "every message deliverable again, and the first leader's timers: every state to depth 6",
        model: model.withSettings({
          timersOff: model.initial.system.addresses.filter((node) => node !== firstLeader),
        }),
        predicates: INVARIANTS,
        start: chosen,
        strategy: 'breadth-first',
        depthLimit: 6,
        timeLimitMs: 15_000,
      });
      expectOutcome(explored, 'space exhausted', 'time exhausted');
    },
  });
}

/**
 * The same, with crashes: any server may crash and restart, twice in all. A server that
 * forgets its promise takes the stale accept again; one that forgets what it accepted
 * leaves the chosen command with a minority, where a later ballot cannot find it.
 */
function crashTest(implementation: PaxosImplementation): LabTest {
  return labTest({
    part: 3,
    number: 12,
    points: 15,
    kind: 'search',
    description:
      'Crashes and restarts after a change of leader: promises and accepted commands survive (3 servers)',
    run: (context) => {
      const { model, servers, chosen } = newerChoiceOverStaleProposal(context, implementation);
      const explored = context.search({
        description:
          'every message deliverable again, timers off, any server crashing at most twice in all: every state to depth 5',
        model: model.withSettings({ deliverTimers: false, crashes: { nodes: servers, max: 2 } }),
        predicates: INVARIANTS,
        start: chosen,
        strategy: 'breadth-first',
        depthLimit: 5,
        timeLimitMs: 15_000,
      });
      expectOutcome(explored, 'space exhausted', 'time exhausted');
    },
  });
}
