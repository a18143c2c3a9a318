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
  minimizeFinding,
  minimizePath,
  randomProbeSearch,
  replayPath,
  sameFailure,
  type Model,
} from '../../framework/search/index.ts';
import { RmCommitsAloneModel } from './broken-two-phase.ts';

const correct = new TwoPhaseModel(3);
const broken = new RmCommitsAloneModel(correct);
const predicates = [correct.consistent];
const { rmPrepare, rmChooseToAbort, tmAbort, rmRcvAbortMsg, tmRcvPrepared } = TwoPhaseAction;
const commitAlone = (rm: number) => (7 << 4) | rm;

describe('replayPath', () => {
  it('completes a path that violates nothing, checking every state on the way', () => {
    const path = [
      twoPhaseEvent(rmPrepare, 0),
      twoPhaseEvent(tmRcvPrepared, 0),
      twoPhaseEvent(tmAbort),
    ];
    const replay = replayPath(correct, 0, path, predicates);
    expect(replay).toMatchObject({ outcome: 'completed', step: 3 });
    expect(correct.layout.describe(replay.state)).toBe(
      'rmState=[prepared,working,working] tmState=aborted tmPrepared={0} msgs={Prepared(0),Abort}',
    );
  });

  it('stops at the first violation, before the rest of the path', () => {
    const path = [
      twoPhaseEvent(rmPrepare, 0),
      commitAlone(0),
      twoPhaseEvent(rmChooseToAbort, 1),
      twoPhaseEvent(rmPrepare, 2),
    ];
    expect(replayPath(broken, 0, path, predicates)).toMatchObject({
      outcome: 'invariant violated',
      step: 3,
      predicate: correct.consistent,
    });
  });

  it('reports a goal reached', () => {
    const decided = goal<number>('decided', (state) =>
      correct.layout.describe(state).includes('tmState=aborted'),
    );
    expect(
      replayPath(correct, 0, [twoPhaseEvent(tmAbort), twoPhaseEvent(rmRcvAbortMsg, 0)], [decided]),
    ).toMatchObject({ outcome: 'goal found', step: 1 });
  });

  it('reports where the model diverges from the path: an event no longer enabled', () => {
    // Correct RMs never commit alone.
    const path = [twoPhaseEvent(rmPrepare, 0), commitAlone(0)];
    expect(replayPath(correct, 0, path, predicates)).toMatchObject({
      outcome: 'diverged',
      step: 1,
      event: commitAlone(0),
    });
    // Nor does an aborted RM prepare.
    const aborted = [twoPhaseEvent(rmChooseToAbort, 2), twoPhaseEvent(rmPrepare, 2)];
    expect(replayPath(correct, 0, aborted, predicates)).toMatchObject({
      outcome: 'diverged',
      step: 1,
    });
  });

  it('matches recorded events to enabled ones with the model’s sameEvent', () => {
    // Events recorded as their descriptions, as a trace file holds them.
    const described: Model<number, number | string> = {
      initialStates: () => correct.initialStates(),
      events: (state) => correct.events(state),
      next: (state, event) => correct.next(state, event as number),
      fingerprint: (state) => correct.fingerprint(state),
      describeEvent: (event) => (typeof event === 'string' ? event : correct.describeEvent(event)),
      sameEvent: (recorded, enabled) => recorded === correct.describeEvent(enabled as number),
    };
    const replay = replayPath(described, 0, ['RMPrepare(rm1)', 'TMAbort'], predicates);
    expect(replay).toMatchObject({ outcome: 'completed', step: 2 });
  });

  it('reports an exception with the event that threw', () => {
    const throwing: Model<number, number> = {
      initialStates: () => [0],
      events: (state) => broken.events(state),
      next: () => {
        throw new Error('boom');
      },
      fingerprint: (state) => broken.fingerprint(state),
      describeEvent: (event) => broken.describeEvent(event),
    };
    expect(replayPath(throwing, 0, [twoPhaseEvent(tmAbort)], predicates)).toMatchObject({
      outcome: 'exception thrown',
      step: 0,
      event: twoPhaseEvent(tmAbort),
    });
  });
});

describe('random probes and minimization', () => {
  it('find a violation with a seeded path, which minimizes to four events and shortens to three', () => {
    // Seed 6: its first finding is a long path with detours, which is what the minimizer is for.
    const found = randomProbeSearch(broken, predicates, { seed: 6, probeLimit: 100 });
    expect(found).toMatchObject({
      outcome: 'invariant violated',
      uniqueStates: 8,
      transitions: 8,
      depthReached: 8,
    });
    if (!isFinding(found)) return;
    expect(found.path.map((event) => broken.describeEvent(event))).toEqual([
      'RMPrepare(rm0)',
      'RMPrepare(rm1)',
      'TMRcvPrepared(rm0)',
      'TMAbort',
      'RMChooseToAbort(rm2)',
      'RMRcvAbortMsg(rm1)',
      'RMRcvAbortMsg(rm2)',
      'RMCommitAlone(rm0)',
    ]);
    // Dropping events alone gives a 1-minimal path: no single event can go.
    const oneMinimal = minimizePath({
      model: broken,
      initial: 0,
      path: found.path,
      predicates,
      reproduces: sameFailure(found),
    });
    expect(oneMinimal.map((event) => broken.describeEvent(event))).toEqual([
      'RMPrepare(rm0)',
      'TMAbort',
      'RMRcvAbortMsg(rm2)',
      'RMCommitAlone(rm0)',
    ]);
    // Breadth-first searches from the path's states find a different path, of three: as short as
    // any.
    const minimized = minimizeFinding(broken, found, predicates);
    const shortest = breadthFirstSearch(broken, predicates);
    if (!isFinding(shortest)) throw new Error('breadth-first search found nothing');
    expect(minimized.path).toHaveLength(shortest.path.length);
    expect(minimized.path).toHaveLength(3);
    expect(minimized).toMatchObject({
      outcome: 'invariant violated',
      predicate: correct.consistent,
      initial: 0,
    });
    expect(replayPath(broken, 0, minimized.path, predicates)).toMatchObject({
      outcome: 'invariant violated',
      step: 3,
      state: minimized.state,
    });
  });

  it('cuts a path at its failure and drops events in chunks', () => {
    const noise = Array.from({ length: 40 }, () => twoPhaseEvent(tmRcvPrepared, 0));
    const path = [
      twoPhaseEvent(rmPrepare, 0),
      ...noise,
      commitAlone(0),
      ...noise,
      twoPhaseEvent(rmChooseToAbort, 1),
      ...noise,
    ];
    const reproduces = (replay: ReturnType<typeof replayPath<number, number>>) =>
      replay.outcome === 'invariant violated';
    const minimized = minimizePath({ model: broken, initial: 0, path, predicates, reproduces });
    expect(minimized).toEqual([
      twoPhaseEvent(rmPrepare, 0),
      commitAlone(0),
      twoPhaseEvent(rmChooseToAbort, 1),
    ]);
  });

  it('keeps an exception the same exception: class and message', () => {
    const finding = {
      outcome: 'exception thrown' as const,
      initial: 0,
      path: [twoPhaseEvent(tmAbort)],
      state: 0,
      event: twoPhaseEvent(tmAbort),
      error: new RangeError('rm1 crashed'),
    };
    const reproduces = sameFailure<number, number>(finding);
    const at = { step: 0, state: 0, event: 0 };
    expect(
      reproduces({ outcome: 'exception thrown', ...at, error: new RangeError('rm1 crashed') }),
    ).toBe(true);
    expect(
      reproduces({ outcome: 'exception thrown', ...at, error: new TypeError('rm1 crashed') }),
    ).toBe(false);
    expect(
      reproduces({ outcome: 'exception thrown', ...at, error: new RangeError('rm2 crashed') }),
    ).toBe(false);
    expect(reproduces({ outcome: 'completed', step: 1, state: 0 })).toBe(false);
  });

  it('refuses a path that does not fail to begin with', () => {
    const reproduces = () => false;
    expect(() =>
      minimizePath({ model: correct, initial: 0, path: [], predicates, reproduces }),
    ).toThrow(/does not reproduce/);
  });
});
