import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import {
  executeTest,
  expectGoal,
  expectOutcome,
  invariant,
  type LabTest,
  labTest,
  SystemBuilder,
  SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import { RecordedPathError } from '../../framework/lab/recorded-path-error.ts';
import type { SearchReport } from '../../framework/lab/search-report.ts';
import { ProbeEcho, ProbeSender } from '../fixtures/probe-nodes.ts';
import { ThrowingEcho } from '../fixtures/throwing-echo.ts';
import { brokenSearchTest } from '../visualizer/broken-lab.ts';

const ECHO = address('echo');
const SENDER = address('sender');

/** A search test whose second phase, started from the first's goal, finds an exception. */
const throwingAfterGoal: LabTest = labTest({
  part: 9,
  number: 2,
  points: 1,
  kind: 'search',
  description: 'a handler throws after a goal',
  run(context) {
    const model = new SystemModel(
      new SystemBuilder()
        .addNode(new ThrowingEcho(ECHO))
        .addNode(new ProbeSender(SENDER, [ECHO], 2))
        .build(),
    );
    const first = expectGoal(
      context.search({
        description: 'anything delivered',
        model,
        predicates: [
          { name: 'a step', kind: 'goal', test: (state) => state !== model.initialStates()[0] },
        ],
        strategy: 'breadth-first',
      }),
    );
    expectOutcome(
      context.search({
        description: 'every state after it',
        model,
        predicates: [],
        strategy: 'breadth-first',
        start: first,
      }),
      'space exhausted',
    );
  },
});

/**
 * A search test whose invariant throws once an echo is in flight: a predicate's exception is a
 * finding too.
 */
const throwingInvariant: LabTest = labTest({
  part: 9,
  number: 3,
  points: 1,
  kind: 'search',
  description: 'an invariant throws',
  run(context) {
    const model = new SystemModel(
      new SystemBuilder()
        .addNode(new ProbeEcho(ECHO))
        .addNode(new ProbeSender(SENDER, [ECHO], 2))
        .build(),
    );
    const fragile = invariant<SystemState>('echoes counted', (state) => {
      if (state.messages().some((envelope) => envelope.from === ECHO))
        throw new RangeError('cannot count echoes yet');
      return true;
    });
    expectOutcome(
      context.search({
        description: 'every state',
        model,
        predicates: [fragile],
        strategy: 'breadth-first',
      }),
      'space exhausted',
    );
  },
});

describe('a throwing invariant in a lab test', () => {
  it('fails the test as an exception finding that names the invariant, the path and the stack', () => {
    const execution = executeTest(throwingInvariant, { seed: 1, now: () => performance.now() });
    const lines = (execution.failure ?? '').split('\n');
    expect(lines[0]).toBe(
      'search "every state": expected space exhausted, got exception thrown after 2 states',
    );
    expect(lines[1]).toBe(
      'exception: invariant "echoes counted" threw: RangeError: cannot count echoes yet',
    );
    expect(lines[2]).toMatch(/^ {2}at .*tests\/lab\/replayed-finding\.test\.ts:\d+:\d+\)?$/);
    expect(lines.slice(3)).toEqual([
      'trace (1 events):',
      '  1. sender -> echo {"kind":"Probe","id":1}',
    ]);
    expect(execution.searches[0]).toMatchObject({
      outcome: 'exception thrown',
      predicate: 'echoes counted',
    });
  });
});

describe('a replayed search finding', () => {
  for (const test of [brokenSearchTest, throwingAfterGoal, throwingInvariant]) {
    it(`fails with the same lines as the search that found it: ${test.description}`, () => {
      const found = executeTest(test, { seed: 1, now: () => performance.now() });
      expect(found.passed).toBe(false);
      const replayed = executeTest(test, {
        seed: 1,
        now: () => performance.now(),
        replaySearches: found.searches,
      });
      expect(replayed.failure).toBe(found.failure);
      expect(
        replayed.searches.map((search) => [
          search.outcome,
          search.states,
          search.depth,
          search.path,
        ]),
      ).toEqual(
        found.searches.map((search) => [search.outcome, search.states, search.depth, search.path]),
      );
    });
  }
});

describe('a recorded search path that cannot be of the test', () => {
  const found = executeTest(throwingInvariant, { seed: 1, now: () => performance.now() });
  const replayWith = (edit: (search: SearchReport) => SearchReport): (() => unknown) => {
    const edited = found.searches.map(edit);
    return () =>
      executeTest(throwingInvariant, {
        seed: 1,
        now: () => performance.now(),
        replaySearches: edited,
      });
  };

  it('records the nodes of the search, and the keys of its path', () => {
    expect(found.searches[0]?.nodes).toEqual(['echo', 'sender']);
    expect(found.searches[0]?.pathKeys?.[0]).toMatch(/^message sender echo /);
  });

  it('is refused (not replayed, not a failure of the test) when a step names a node the search does not have', () => {
    const renamed = replayWith((search) => ({
      ...search,
      pathKeys: (search.pathKeys ?? []).map((key) =>
        key.replace('message sender', 'message ghost'),
      ),
    }));
    expect(renamed).toThrow(RecordedPathError);
    expect(renamed).toThrow(
      'step 1 of the trace\'s search phase 1 ("every state") names node "ghost", which the test\'s search does not have (echo sender)',
    );
  });

  it('is refused when its recorded nodes are not those of the search, or a step is no event key', () => {
    expect(replayWith((search) => ({ ...search, nodes: ['echo', 'ghost', 'sender'] }))).toThrow(
      'the trace\'s search phase 1 ("every state") has nodes echo ghost sender, but the test\'s search has echo sender',
    );
    expect(replayWith((search) => ({ ...search, pathKeys: ['deliver it'] }))).toThrow(
      /^step 1 of the trace's search phase 1 \("every state"\) is not an event of the test's search/,
    );
  });
});
