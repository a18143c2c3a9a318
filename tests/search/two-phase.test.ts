import { describe, expect, it } from 'vitest';
import {
  TwoPhaseAction,
  TwoPhaseModel,
  twoPhaseEvent,
} from '../../examples/two-phase/two-phase-model.ts';
import {
  breadthFirstSearch,
  goal,
  isFinding,
  prune,
  type SearchResult,
} from '../../framework/search/index.ts';
import { RmCommitsAloneModel } from './broken-two-phase.ts';
import { reachableStates } from './brute-force.ts';

function described(model: TwoPhaseModel, result: SearchResult<number, number>): string[] {
  return isFinding(result) ? result.path.map((event) => model.describeEvent(event)) : [];
}

describe('TwoPhase, breadth-first to exhaustion', () => {
  // The figures TLC and Stateright report for the same spec.
  it('has 288 states with 3 resource managers', () => {
    const model = new TwoPhaseModel(3);
    const result = breadthFirstSearch(model, [model.consistent]);
    expect(result).toMatchObject({
      outcome: 'space exhausted',
      limit: undefined,
      uniqueStates: 288,
      transitions: 1145,
      depthReached: 10,
    });
  });

  it('has 8,832 states with 5 resource managers', () => {
    const model = new TwoPhaseModel(5);
    const result = breadthFirstSearch(model, [model.consistent]);
    expect(result).toMatchObject({
      outcome: 'space exhausted',
      uniqueStates: 8832,
      transitions: 58145,
      depthReached: 16,
    });
  });

  it('agrees with a brute-force enumeration of whole states for 1 to 4 resource managers', () => {
    for (let rmCount = 1; rmCount <= 4; rmCount++) {
      const model = new TwoPhaseModel(rmCount);
      const oracle = reachableStates(model, (state) => model.layout.describe(state));
      expect(breadthFirstSearch(model, [model.consistent]).uniqueStates).toBe(oracle.size);
    }
  });
});

describe('TwoPhase with a resource manager that commits on its own', () => {
  it('violates TCConsistent after a shortest path of three events', () => {
    const correct = new TwoPhaseModel(3);
    const broken = new RmCommitsAloneModel(correct);
    const result = breadthFirstSearch(broken, [correct.consistent]);
    expect(result.outcome).toBe('invariant violated');
    if (result.outcome !== 'invariant violated') return;
    expect(result.predicate.name).toBe('TCConsistent');
    expect(result.path.map((event) => broken.describeEvent(event))).toEqual([
      'RMPrepare(rm0)',
      'RMChooseToAbort(rm1)',
      'RMCommitAlone(rm0)',
    ]);
    expect(result.detail).toBe(
      'an RM committed while another aborted: rmState=[committed,aborted,working] tmState=init tmPrepared={} msgs={Prepared(0)}',
    );
    expect(result.state).toBe(
      broken.next(broken.next(broken.next(0, result.path[0]!), result.path[1]!), result.path[2]!),
    );
    expect(result.initial).toBe(0);
    // Breadth-first: every state at depth 2 was seen before the violation at depth 3.
    expect(result.uniqueStates).toBe(64);
    expect(result.depthReached).toBe(3);
  });
});

describe('TCConsistent', () => {
  it('agrees with reading the RM states one by one, on every state the broken variant reaches', () => {
    const correct = new TwoPhaseModel(4);
    const states = reachableStates(new RmCommitsAloneModel(correct), String);
    let violations = 0;
    for (const state of states.values()) {
      const rms = /rmState=\[([a-z,]*)\]/.exec(correct.layout.describe(state))![1]!.split(',');
      const consistent = !(rms.includes('committed') && rms.includes('aborted'));
      expect(correct.consistent.test(state) === true).toBe(consistent);
      if (!consistent) violations++;
    }
    expect(violations).toBeGreaterThan(0);
  });
});

describe('TwoPhase goals and prunes', () => {
  const model = new TwoPhaseModel(3);
  const allCommitted = goal<number>('all committed', (state) =>
    model.layout.describe(state).startsWith('rmState=[committed,committed,committed]'),
  );
  const tmCommitted = goal<number>(
    'TM committed',
    (state) => model.layout.describe(state).includes('tmState=committed') && 'the TM decided',
  );

  it('finds the shortest way to commit everywhere: prepare, collect, decide, deliver', () => {
    const result = breadthFirstSearch(model, [model.consistent, allCommitted]);
    expect(result.outcome).toBe('goal found');
    expect(described(model, result)).toEqual([
      'RMPrepare(rm0)',
      'TMRcvPrepared(rm0)',
      'RMPrepare(rm1)',
      'TMRcvPrepared(rm1)',
      'RMPrepare(rm2)',
      'TMRcvPrepared(rm2)',
      'TMCommit',
      'RMRcvCommitMsg(rm0)',
      'RMRcvCommitMsg(rm1)',
      'RMRcvCommitMsg(rm2)',
    ]);
  });

  it('reports a goal detail and can search on from the goal state', () => {
    const first = breadthFirstSearch(model, [tmCommitted]);
    expect(first).toMatchObject({
      outcome: 'goal found',
      detail: 'the TM decided',
      depthReached: 7,
    });
    if (first.outcome !== 'goal found') return;
    const second = breadthFirstSearch(model, [model.consistent, allCommitted], { start: first });
    expect(second.outcome).toBe('goal found');
    if (second.outcome !== 'goal found') return;
    // The path runs from the true initial state; depths count from the start state.
    expect(second.initial).toBe(0);
    expect(second.path.slice(0, 7)).toEqual(first.path);
    expect(second.path).toHaveLength(10);
    expect(second.depthReached).toBe(3);
    // From the decision, only the deliveries remain: 2^3 subsets of committed RMs.
    expect(second.uniqueStates).toBe(8);
  });

  it('checks goals and invariants on the initial state', () => {
    const initially = goal<number>('initially', (state) => state === 0);
    expect(breadthFirstSearch(model, [initially])).toMatchObject({
      outcome: 'goal found',
      path: [],
      uniqueStates: 1,
      transitions: 0,
    });
  });

  it('does not expand pruned states, but still checks them', () => {
    const tmAborted = prune<number>('TM aborted', (state) =>
      model.layout.describe(state).includes('tmState=aborted'),
    );
    const pruned = breadthFirstSearch(model, [model.consistent, tmAborted]);
    const oracle = reachableStates(model, String, (state) => tmAborted.test(state) !== false);
    expect(oracle.size).toBe(136);
    expect(pruned).toMatchObject({ outcome: 'space exhausted', uniqueStates: 136 });
    const abortedAndViolated = breadthFirstSearch(model, [
      tmAborted,
      {
        name: 'never aborted',
        kind: 'invariant',
        test: (state) => !model.layout.describe(state).includes('tmState=aborted'),
      },
    ]);
    expect(abortedAndViolated).toMatchObject({
      outcome: 'invariant violated',
      path: [twoPhaseEvent(TwoPhaseAction.tmAbort)],
    });
  });
});
