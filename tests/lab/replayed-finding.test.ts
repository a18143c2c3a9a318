import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { address, executeTest, expectGoal, expectOutcome, SystemBuilder, SystemModel, type LabTest } from '../../framework/index.ts';
import { ProbeSender } from '../fixtures/probe-nodes.ts';
import { ThrowingEcho } from '../fixtures/throwing-echo.ts';
import { brokenSearchTest } from '../visualizer/broken-lab.ts';

const ECHO = address('echo');
const SENDER = address('sender');

/** A search test whose second phase, started from the first's goal, finds an exception. */
const throwingAfterGoal: LabTest = {
  number: 2,
  part: 9,
  description: 'a handler throws after a goal',
  points: 1,
  kind: 'search',
  run(context) {
    const model = new SystemModel(new SystemBuilder().addNode(new ThrowingEcho(ECHO)).addNode(new ProbeSender(SENDER, [ECHO], 2)).build());
    const first = expectGoal(context.search({ description: 'anything delivered', model, predicates: [{ name: 'a step', kind: 'goal', test: (state) => state !== model.initialStates()[0] }], strategy: 'breadth-first' }));
    expectOutcome(context.search({ description: 'every state after it', model, predicates: [], strategy: 'breadth-first', start: first }), 'space exhausted');
  },
};

describe('a replayed search finding', () => {
  for (const test of [brokenSearchTest, throwingAfterGoal]) {
    it(`fails with the same lines as the search that found it: ${test.description}`, () => {
      const found = executeTest(test, { seed: 1, now: () => performance.now() });
      expect(found.passed).toBe(false);
      const replayed = executeTest(test, { seed: 1, now: () => performance.now(), replaySearches: found.searches });
      expect(replayed.failure).toBe(found.failure);
      expect(replayed.searches.map((search) => [search.outcome, search.states, search.depth, search.path])).toEqual(found.searches.map((search) => [search.outcome, search.states, search.depth, search.path]));
    });
  }
});
