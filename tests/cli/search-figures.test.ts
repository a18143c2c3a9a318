import { describe, expect, it } from 'vitest';
import { progressFigures, reportFigures } from '../../framework/cli/search-figures.ts';
import type { SearchReport } from '../../framework/lab/search-report.ts';

const REPORT: SearchReport = {
  description: 'probes',
  strategy: 'random',
  outcome: 'time exhausted',
  states: 21_564,
  depth: 1000,
  elapsedMs: 10_000,
  events: 179_021,
  probes: 180,
  path: [],
};

describe('search figures', () => {
  it('say what a random search did: events, unique states, probes and their rates', () => {
    expect(reportFigures(REPORT)).toBe(
      '179,021 events, 21,564 unique states, 180 probes, depth 1000, 17,902 events/s, 2,156 unique states/s, 10.00 s',
    );
    expect(
      progressFigures({
        states: 2_000,
        depth: 1000,
        elapsedMs: 2_000,
        statesPerSecond: 1_000,
        events: 40_000,
        eventsPerSecond: 20_000,
        probes: 41,
      }),
    ).toBe('40,000 events, 2,000 unique states, 41 probes, depth 1000, 20,000 events/s, 2.0 s');
  });

  it('count states for a breadth-first search', () => {
    expect(
      reportFigures({
        ...REPORT,
        strategy: 'breadth-first',
        probes: undefined,
        states: 4_095,
        depth: 24,
        elapsedMs: 500,
      }),
    ).toBe('4,095 states, depth 24, 8,190 states/s, 0.50 s');
    expect(
      progressFigures({
        states: 100_000,
        depth: 9,
        elapsedMs: undefined,
        statesPerSecond: undefined,
        events: 300_000,
        eventsPerSecond: undefined,
        probes: undefined,
      }),
    ).toBe('100,000 states, depth 9');
  });
});
