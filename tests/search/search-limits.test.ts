import { describe, expect, it } from 'vitest';
import {
  TwoPhaseAction,
  TwoPhaseModel,
  twoPhaseEvent,
} from '../../examples/two-phase/two-phase-model.ts';
import {
  breadthFirstSearch,
  randomProbeSearch,
  type Model,
  type SearchProgress,
} from '../../framework/search/index.ts';
import { statesWithin } from './brute-force.ts';

const model = new TwoPhaseModel(5);
const predicates = [model.consistent];

/** The TwoPhase model's members as a plain object, to override some. */
function twoPhaseParts(): Model<number, number> {
  return {
    initialStates: () => model.initialStates(),
    events: (state) => model.events(state),
    next: (state, event) => model.next(state, event),
    fingerprint: (state) => model.fingerprint(state),
    describeEvent: (event) => model.describeEvent(event),
  };
}

/** A clock that advances `stepMs` (one millisecond) each time it is read. */
function tickingClock(stepMs = 1): () => number {
  let nowMs = 0;
  return () => (nowMs += stepMs) - stepMs;
}

describe('search limits', () => {
  it('stops at the depth limit with the space exhausted up to it', () => {
    const result = breadthFirstSearch(model, predicates, { depthLimit: 3 });
    expect(result).toMatchObject({
      outcome: 'space exhausted',
      limit: 'depth',
      depthReached: 3,
      uniqueStates: 237,
    });
    expect(statesWithin(model, String, 3)).toBe(237);
  });

  it('reports the depth limit only when it left states unexpanded', () => {
    // The deepest states are 16 events away: a limit of 16 leaves them unexpanded (they have
    // no new successors, but only expanding them would tell), a limit of 17 does not.
    expect(breadthFirstSearch(model, predicates, { depthLimit: 17 })).toMatchObject({
      outcome: 'space exhausted',
      limit: undefined,
    });
    expect(breadthFirstSearch(model, predicates, { depthLimit: 16 })).toMatchObject({
      outcome: 'space exhausted',
      limit: 'depth',
    });
  });

  it('stops at the state limit', () => {
    const result = breadthFirstSearch(model, predicates, { stateLimit: 1000 });
    expect(result).toMatchObject({
      outcome: 'time exhausted',
      limit: 'states',
      uniqueStates: 1000,
    });
  });

  it('stops at the time limit, read from the injected clock', () => {
    const result = breadthFirstSearch(model, predicates, { timeLimitMs: 5, now: tickingClock() });
    expect(result).toMatchObject({ outcome: 'time exhausted', limit: 'time' });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(5);
    expect(result.uniqueStates).toBeLessThan(8832);
  });

  it('refuses a time limit without a clock', () => {
    expect(() => breadthFirstSearch(model, predicates, { timeLimitMs: 5 })).toThrow(
      /needs a clock/,
    );
  });

  it('stops at the memory limit, measured or estimated', () => {
    let measuredBytes = 0;
    const measured = breadthFirstSearch(model, predicates, {
      memoryLimitBytes: 10_000,
      memoryBytes: () => (measuredBytes += 1000),
    });
    expect(measured).toMatchObject({ outcome: 'memory exhausted', limit: 'memory' });
    // The estimate starts with the visited set's own table, 768 KiB.
    const estimated = breadthFirstSearch(model, predicates, { memoryLimitBytes: 100_000 });
    expect(estimated).toMatchObject({
      outcome: 'memory exhausted',
      limit: 'memory',
      depthReached: 1,
    });
  });

  it('reports progress about every interval of new states', () => {
    const reports: SearchProgress[] = [];
    breadthFirstSearch(model, predicates, {
      now: tickingClock(),
      onProgress: (progress) => reports.push(progress),
      progressIntervalStates: 1000,
    });
    expect(reports.length).toBeGreaterThanOrEqual(5);
    for (const [index, report] of reports.entries()) {
      expect(report.states).toBeGreaterThanOrEqual(1000 * (index + 1));
      expect(report.statesPerSecond).toBe((report.states * 1000) / report.elapsedMs!);
    }
    expect(reports.map((report) => report.depth)).toEqual(
      [...reports.map((report) => report.depth)].sort((a, b) => a - b),
    );
  });

  it('reports progress by time too, when asked: random probes revisit states, so states alone are no pace', () => {
    for (const search of [
      (onProgress: (progress: SearchProgress) => void) =>
        breadthFirstSearch(model, predicates, {
          now: tickingClock(100),
          onProgress,
          progressIntervalMs: 500,
        }),
      (onProgress: (progress: SearchProgress) => void) =>
        randomProbeSearch(model, predicates, {
          seed: 1,
          probeLimit: 2_000,
          depthLimit: 30,
          now: tickingClock(100),
          onProgress,
          progressIntervalMs: 500,
        }),
    ]) {
      const reports: SearchProgress[] = [];
      search((progress) => reports.push(progress));
      // Far fewer than the default 100,000 states are explored: each report is one of time.
      expect(reports.length).toBeGreaterThanOrEqual(2);
      expect(reports.every((report) => report.states < 100_000)).toBe(true);
      reports
        .slice(1)
        .forEach((report, index) =>
          expect(report.elapsedMs! - reports[index]!.elapsedMs!).toBeGreaterThanOrEqual(500),
        );
    }
  });

  it('reports the events, probes and events per second of random probes, about every interval of events', () => {
    const reports: SearchProgress[] = [];
    const result = randomProbeSearch(model, predicates, {
      seed: 1,
      probeLimit: 400,
      depthLimit: 50,
      now: tickingClock(),
      onProgress: (progress) => reports.push(progress),
      progressIntervalEvents: 2048,
    });
    expect(result).toMatchObject({ probes: 400, transitions: 400 * 50 });
    // Checked every 1,024 steps: a report once 2,048 events have passed since the last, 20,000
    // events in all.
    expect(reports.length).toBeGreaterThanOrEqual(5);
    for (const [index, report] of reports.entries()) {
      expect(report.events).toBeGreaterThanOrEqual(2048 * (index + 1));
      expect(report.eventsPerSecond).toBe((report.events * 1000) / report.elapsedMs!);
      expect(report.probes).toBe(Math.ceil(report.events / 50));
      expect(report.states).toBeLessThanOrEqual(report.events + 1);
    }
  });

  it('ends random probes by their count, and needs some limit', () => {
    expect(
      randomProbeSearch(model, predicates, { seed: 1, probeLimit: 3, depthLimit: 5 }),
    ).toMatchObject({
      outcome: 'time exhausted',
      limit: 'probes',
      transitions: 15,
      depthReached: 5,
    });
    expect(() => randomProbeSearch(model, predicates, { seed: 1, stateLimit: 100_000 })).toThrow(
      /may never end/,
    );
  });

  it('read the clock even when every probe ends at once', () => {
    const stuck: Model<number, number> = { ...twoPhaseParts(), events: () => [] };
    expect(
      randomProbeSearch(stuck, predicates, { seed: 1, timeLimitMs: 3, now: tickingClock() }),
    ).toMatchObject({
      outcome: 'time exhausted',
      limit: 'time',
      uniqueStates: 1,
    });
  });
});

describe('exceptions', () => {
  /** TwoPhase in which one event always throws. */
  function throwingOn(throwingEvent: number): Model<number, number> {
    return {
      ...twoPhaseParts(),
      next: (state, event) => {
        if (event === throwingEvent) throw new RangeError(`${model.describeEvent(event)} crashed`);
        return model.next(state, event);
      },
    };
  }

  it('are findings, with the shortest path ending in the throwing event', () => {
    const result = breadthFirstSearch(
      throwingOn(twoPhaseEvent(TwoPhaseAction.rmRcvCommitMsg, 1)),
      predicates,
    );
    expect(result.outcome).toBe('exception thrown');
    if (result.outcome !== 'exception thrown') return;
    expect(result.error).toBeInstanceOf(RangeError);
    expect(result.path).toHaveLength(12);
    expect(result.path.slice(-2).map((event) => model.describeEvent(event))).toEqual([
      'TMCommit',
      'RMRcvCommitMsg(rm1)',
    ]);
    expect(result.event).toBe(result.path.at(-1));
    expect(model.layout.describe(result.state)).toContain('tmState=committed');
  });

  it('are findings of random probes too', () => {
    const throwingEvent = twoPhaseEvent(TwoPhaseAction.rmRcvAbortMsg, 1);
    const result = randomProbeSearch(throwingOn(throwingEvent), predicates, {
      seed: 3,
      probeLimit: 100,
    });
    expect(result).toMatchObject({
      outcome: 'exception thrown',
      event: throwingEvent,
      uniqueStates: 11,
    });
    if (result.outcome !== 'exception thrown') return;
    expect(result.path.at(-1)).toBe(throwingEvent);
    // Seeded, so pinned: the probe that got there, with its detours (a redelivered Prepared is a
    // step that changes nothing).
    expect(result.path.map((event) => model.describeEvent(event))).toEqual([
      'RMChooseToAbort(rm4)',
      'RMPrepare(rm2)',
      'TMRcvPrepared(rm2)',
      'RMPrepare(rm0)',
      'RMChooseToAbort(rm3)',
      'TMRcvPrepared(rm2)',
      'RMPrepare(rm1)',
      'TMRcvPrepared(rm1)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm1)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm1)',
      'TMRcvPrepared(rm0)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm2)',
      'TMRcvPrepared(rm1)',
      'TMAbort',
      'RMRcvAbortMsg(rm4)',
      'RMRcvAbortMsg(rm2)',
      'RMRcvAbortMsg(rm3)',
      'RMRcvAbortMsg(rm4)',
      'RMRcvAbortMsg(rm1)',
    ]);
  });
});
