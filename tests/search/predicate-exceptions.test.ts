import { describe, expect, it } from 'vitest';
import { TwoPhaseModel } from '../../examples/two-phase/two-phase-model.ts';
import {
  breadthFirstSearch,
  goal,
  invariant,
  isFinding,
  minimizeFinding,
  prune,
  randomProbeSearch,
  replayPath,
  type Predicate,
} from '../../framework/search/index.ts';

const model = new TwoPhaseModel(3);

/**
 * A predicate of `kind` that throws on every state where the transaction manager aborted, and
 * otherwise never fires.
 */
function fragile(kind: 'invariant' | 'goal' | 'prune'): Predicate<number> {
  const test = (state: number): boolean => {
    if (model.layout.describe(state).includes('tmState=aborted'))
      throw new RangeError('cannot judge an abort');
    return kind === 'invariant';
  };
  return kind === 'invariant'
    ? invariant('fragile', test)
    : kind === 'goal'
      ? goal('fragile', test)
      : prune('fragile', test);
}

describe('a predicate that throws', () => {
  for (const kind of ['invariant', 'goal', 'prune'] as const) {
    it(`is a finding of breadth-first search, with its name and the path to the state (a ${kind})`, () => {
      const predicates = [model.consistent, fragile(kind)];
      const result = breadthFirstSearch(model, predicates);
      expect(result.outcome).toBe('exception thrown');
      if (result.outcome !== 'exception thrown') return;
      expect(result.predicate?.name).toBe('fragile');
      expect(result.error).toBeInstanceOf(RangeError);
      // Breadth-first: the shortest way to an abort is the abort itself.
      expect(result.path.map((event) => model.describeEvent(event))).toEqual(['TMAbort']);
      expect(result.event).toBe(result.path.at(-1));
      expect(model.layout.describe(result.state)).toContain('tmState=aborted');
      // The path replays to the same exception, at the state it leads to.
      expect(replayPath(model, result.initial, result.path, predicates)).toMatchObject({
        outcome: 'exception thrown',
        step: 1,
        predicate: { name: 'fragile' },
      });
    });
  }

  it("is a finding of random probes, which minimizes to the same predicate's exception", () => {
    const predicates = [model.consistent, fragile('invariant')];
    const found = randomProbeSearch(model, predicates, { seed: 5, probeLimit: 100 });
    expect(found.outcome).toBe('exception thrown');
    if (!isFinding(found)) return;
    const minimized = minimizeFinding(model, found, predicates);
    expect(minimized).toMatchObject({
      outcome: 'exception thrown',
      predicate: { name: 'fragile' },
    });
    expect(minimized.path.map((event) => model.describeEvent(event))).toEqual(['TMAbort']);
  });

  it('on a start state, is a finding with an empty path and no event', () => {
    const throwing = invariant<number>('always throws', () => {
      throw new TypeError('no');
    });
    expect(breadthFirstSearch(model, [throwing])).toMatchObject({
      outcome: 'exception thrown',
      path: [],
      event: undefined,
      predicate: { name: 'always throws' },
    });
    expect(randomProbeSearch(model, [throwing], { seed: 1, probeLimit: 1 })).toMatchObject({
      outcome: 'exception thrown',
      path: [],
      predicate: { name: 'always throws' },
    });
  });
});
