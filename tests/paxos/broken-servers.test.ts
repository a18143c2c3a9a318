import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  CheckFailure,
  isFinding,
  type LabSearchResult,
  type LabTest,
  type Predicate,
  type SearchRequest,
  SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import type { Model } from '../../framework/engine.ts';
import { runSearchPhase } from '../../framework/lab/run-search-phase.ts';
import { replayPath } from '../../framework/search/index.ts';
import { paxosTests } from '../../labs/paxos/tests/index.ts';
import type { PaxosImplementation } from '../../labs/paxos/implementation.ts';
import { searchTestContext } from '../fixtures/search-test-context.ts';
import {
  ballotForgetting,
  eagerDeciding,
  logForgetting,
  staleAccepting,
  staleLeading,
} from './broken-servers.ts';

/**
 * Runs a lab test's searches as the runner does, keeping every phase's result (and its model) for
 * replay.
 */
function runSearchTest(
  test: LabTest,
  variant: string,
): { failure: unknown; searches: LabSearchResult<unknown, unknown>[] } {
  const searches: LabSearchResult<unknown, unknown>[] = [];
  const context = searchTestContext(
    1,
    variant,
    <State, Event>(request: SearchRequest<State, Event>): LabSearchResult<State, Event> => {
      const result = runSearchPhase(request, {
        now: () => performance.now(),
        onProgress: undefined,
        seed: 1,
        checks: false,
      });
      searches.push(result);
      return result;
    },
  );
  try {
    test.run(context);
    return { failure: undefined, searches };
  } catch (failure) {
    return { failure, searches };
  }
}

/**
 * The model, matching a recorded event only to the identical event. (By default replay
 * also matches events by description, and descriptions of long messages are cut short:
 * two heartbeats that differ after their first 200 characters would look the same.)
 */
function exactEvents(model: SystemModel): Model<SystemState, number> {
  return {
    initialStates: () => model.initialStates(),
    events: (state) => model.events(state),
    next: (state, event) => model.next(state, event),
    fingerprint: (state) => model.fingerprint(state),
    describeEvent: (event) => model.describeEvent(event),
    sameEvent: (recorded, enabled) => recorded === enabled,
  };
}

function labTest(implementation: PaxosImplementation, part: number, number: number): LabTest {
  const test = paxosTests(implementation).find(
    (candidate) => candidate.part === part && candidate.number === number,
  );
  if (test === undefined) throw new Error(`lab 3 has no test ${part}.${number}`);
  return test;
}

describe.each([
  // [name, implementation, variant, test that catches it, the invariant it breaks, the
  // counterexample's length, what it shows]
  [
    'an acceptor that accepts below its promised ballot',
    staleAccepting,
    'optimized',
    [3, 6],
    'chosen commands accepted by a majority',
    11,
    'slot 1 is chosen at server2 with a no-op, but held only by server2 (a majority is 2)',
  ],
  [
    'an acceptor that accepts below its promised ballot',
    staleAccepting,
    'basic',
    [3, 11],
    'chosen commands accepted by a majority',
    13,
    'slot 1 is chosen at server2 with client2#1 {"kind":"Put","key":"a","value":"2"}, but held only by server2 (a majority is 2)',
  ],
  [
    'a proposer that decides with one vote too few',
    eagerDeciding,
    'optimized',
    [3, 5],
    'chosen commands accepted by a majority',
    3,
    'slot 1 is chosen at server1 with client1#1 {"kind":"Put","key":"foo","value":"bar"}, but held only by server1, server2 (a majority is 3)',
  ],
  [
    'a leader that keeps leading after a decision of a newer ballot (the reference before the fix)',
    staleLeading,
    'basic',
    [3, 9],
    'logs consistent',
    24,
    'slot 1 is chosen with two commands: client2#1 {"kind":"Put","key":"a","value":"2"} at server1, client1#1 {"kind":"Put","key":"a","value":"1"} at server2',
  ],
  [
    'a leader that keeps leading after a late fetch reply from a newer ballot (the reference before the fix)',
    staleLeading,
    'optimized',
    [3, 10],
    'logs consistent',
    44,
    'slot 2 is chosen with two commands: client3#1 {"kind":"Put","key":"a","value":"3"} at server2, client2#1 {"kind":"Put","key":"a","value":"2"} at server5',
  ],
  [
    'a server that forgets its promise in a crash',
    ballotForgetting,
    'optimized',
    [3, 12],
    'chosen commands accepted by a majority',
    10,
    'slot 1 is chosen at server2 with client2#1 {"kind":"Put","key":"a","value":"2"}, but held only by server2 (a majority is 2)',
  ],
  [
    'a server that forgets what it accepted in a crash',
    logForgetting,
    'basic',
    [3, 12],
    'chosen commands accepted by a majority',
    13,
    'slot 1 is chosen at server2 with client2#1 {"kind":"Put","key":"a","value":"2"}, but held only by server2 (a majority is 2)',
  ],
] as const)(
  '%s (%s)',
  (_name, implementation, variant, [part, number], invariantName, pathLength, detail) => {
    it(`is caught by lab 3 test ${part}.${number} with a counterexample that replays`, () => {
      const { failure, searches } = runSearchTest(labTest(implementation, part, number), variant);
      expect(failure).toBeInstanceOf(CheckFailure);
      expect((failure as Error).message).toContain(`invariant "${invariantName}"`);
      const finding = searches[searches.length - 1];
      if (finding === undefined || !isFinding(finding) || finding.outcome !== 'invariant violated')
        throw new Error('the last search found no violation');
      expect(finding.predicate.name).toBe(invariantName);
      expect(finding.path).toHaveLength(pathLength);
      expect(finding.detail).toBe(detail);
      // From the initial state, the path reaches a violation only at its end. Its phases
      // searched under different settings: replay it with every event enabled (crashes too,
      // where the last phase could crash servers).
      const model = finding.request.model;
      if (!(model instanceof SystemModel)) throw new Error('lab 3 searches node systems');
      const everyEvent =
        model.settings.crashes === undefined ? {} : { crashes: model.settings.crashes };
      const replayed = replayPath(
        exactEvents(model.withSettings(everyEvent)),
        finding.initial as SystemState,
        finding.path as readonly number[],
        finding.request.predicates as readonly Predicate<SystemState>[],
      );
      expect(replayed.outcome).toBe('invariant violated');
      expect(replayed.step).toBe(finding.path.length);
      if (replayed.outcome !== 'invariant violated') throw new Error('unreachable');
      expect(replayed.predicate.name).toBe(invariantName);
      expect(replayed.detail).toBe(finding.detail);
    });
  },
);
