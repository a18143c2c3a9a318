import type { Address } from '../../../framework/index.ts';
import {
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
import { kvWorkload } from '../../kvstore/index.ts';
import type { RaftImplementation } from '../implementation.ts';
import { LEADER_ELECTED, RAFT_INVARIANTS } from '../invariants.ts';
import { buildRaftSearch } from './kv-setup.ts';

const PUT_APPEND_GET = kvWorkload(
  ['PUT:foo:bar', 'APPEND:foo:baz', 'GET:foo'],
  ['PutOk', 'barbaz', 'barbaz'],
);
const ONE_PUT = kvWorkload(['PUT:foo:bar'], ['PutOk']);
const ONE_APPEND = kvWorkload(['APPEND:key-%a:x'], ['x']);
const WITH_RESULTS: readonly Predicate<SystemState>[] = [...RAFT_INVARIANTS, RESULTS_OK];

/** Part 6: search tests, checking figure 3's safety properties in every state. */
export function searchTests(implementation: RaftImplementation): LabTest[] {
  return [
    labTest({
      part: 6,
      number: 1,
      points: 10,
      kind: 'search',
      description:
        '3 servers, 1 client putting once: an election (timers on), then with timers off the client done and every state after the election explored',
      run: (context) => {
        const { model } = buildRaftSearch(context, implementation, 3, [ONE_PUT]);
        const elected = expectGoal(
          context.search({
            description: 'a leader elected',
            model,
            predicates: [...WITH_RESULTS, LEADER_ELECTED],
            strategy: 'breadth-first',
          }),
        );
        const quiet = model.withSettings({ deliverTimers: false });
        expectGoal(
          context.search({
            description: 'clients done',
            model: quiet,
            predicates: [...WITH_RESULTS, CLIENTS_DONE],
            start: elected,
            strategy: 'breadth-first',
          }),
        );
        expectOutcome(
          context.search({
            description: 'every state after the election, timers off',
            model: quiet,
            predicates: [...WITH_RESULTS, CLIENTS_DONE_PRUNE],
            start: elected,
            strategy: 'breadth-first',
            // About 560,000 states: some 20 s on a loaded machine.
            timeLimitMs: 60_000,
          }),
          'space exhausted',
        );
      },
    }),
    labTest({
      part: 6,
      number: 2,
      points: 10,
      kind: 'search',
      description:
        '3 servers, 2 clients appending, timers on: every state to depth 9 (elections racing each other)',
      run: (context) => {
        const { model } = buildRaftSearch(context, implementation, 3, [ONE_APPEND, ONE_APPEND]);
        expectOutcome(
          context.search({
            description: 'every state to depth 9',
            model,
            predicates: [...RAFT_INVARIANTS],
            strategy: 'breadth-first',
            depthLimit: 9,
            timeLimitMs: 20_000,
          }),
          'space exhausted',
          'time exhausted',
        );
      },
    }),
    labTest({
      part: 6,
      number: 3,
      points: 10,
      kind: 'search',
      description:
        'Random probes to depth 1000: 3 servers, 2 clients, timers on, up to 2 crashes and restarts',
      run: (context) => {
        const { servers, model } = buildRaftSearch(context, implementation, 3, [
          PUT_APPEND_GET,
          ONE_APPEND,
        ]);
        const crashing = model.withSettings({ crashes: { nodes: servers, max: 2 } });
        expectOutcome(
          context.search({
            description: 'random probes',
            model: crashing,
            predicates: [...WITH_RESULTS],
            strategy: 'random',
            depthLimit: 1000,
            timeLimitMs: 10_000,
          }),
          'time exhausted',
          'space exhausted',
        );
      },
    }),
    labTest({
      part: 6,
      number: 4,
      points: 10,
      kind: 'search',
      description:
        'A vote survives a crash: 3 servers, two candidates in one term, the third may crash and restart once; every state to depth 9',
      run: (context) => {
        const { servers, model } = buildRaftSearch(context, implementation, 3, []);
        const voter = servers[2] as Address;
        expectOutcome(
          context.search({
            description: 'every state to depth 9',
            // The voter only votes: its own timers would add elections of its own.
            model: model.withSettings({ timersOff: [voter], crashes: { nodes: [voter], max: 1 } }),
            predicates: [...RAFT_INVARIANTS],
            strategy: 'breadth-first',
            depthLimit: 9,
            timeLimitMs: 60_000,
          }),
          'space exhausted',
        );
      },
    }),
  ];
}
