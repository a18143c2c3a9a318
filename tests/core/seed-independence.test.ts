import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstNumbers, streamKey } from '../../framework/core/random.ts';
import { executeTest, type LabTest, labTest, seededRandom } from '../../framework/testing.ts';
import { runScenarioOn, runSeededScenario, SCENARIO_NETWORK } from '../fixtures/seeded-scenario.ts';

/**
 * The first two numbers of a stream: 64 bits, so that distinct streams collide with negligible
 * probability.
 */
function firstDraws(seed: number, purpose: string): string {
  const random = seededRandom(seed, purpose);
  return `${random.next()},${random.next()}`;
}

/**
 * Seeds 0 to 2,999: they include the pairs a repeating key confused (1, 11, 111, 1111; 2, 22; 12,
 * 1212).
 */
const SEEDS = Array.from({ length: 3_000 }, (_, seed) => seed);

describe('independent seeds', () => {
  it("seeds whose text repeats another seed's text draw different numbers", () => {
    const draws = ['1', '11', '111', '1111', '2', '22', '12', '1212', '123', '123123'].map((seed) =>
      seededRandom(seed).next(),
    );
    expect(new Set(draws).size).toBe(draws.length);
  });

  it('no two of 3,000 seeds give the same first draws, in any stream', () => {
    for (const purpose of ['simulation 1', 'simulation 2', 'random probes']) {
      const draws = new Set(SEEDS.map((seed) => firstDraws(seed, purpose)));
      expect(draws.size).toBe(SEEDS.length);
    }
  });

  it('no two of 3,000 seeds give the same execution of the seeded scenario', () => {
    const executions = new Map<string, number>();
    for (const seed of SEEDS) {
      const { events } = runSeededScenario(seed);
      const earlier = executions.get(events);
      expect(earlier === undefined ? undefined : `seeds ${earlier} and ${seed}`).toBeUndefined();
      executions.set(events, seed);
    }
  });

  it('streams of one seed, and the same stream of two seeds, are unrelated', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (seedA, seedB, purposeA, purposeB) => {
          fc.pre(seedA !== seedB || purposeA !== purposeB);
          expect(streamKey(seedA, purposeA)).not.toBe(streamKey(seedB, purposeB));
          expect(firstNumbers(seedA, purposeA, 2)).not.toEqual(firstNumbers(seedB, purposeB, 2));
        },
      ),
      { seed: 11, numRuns: 2_000 },
    );
  });

  it("no (seed, purpose) pair spells another's key: the seed's length is part of it", () => {
    expect(streamKey('1', '2/x')).not.toBe(streamKey('12', 'x'));
    expect(streamKey('1/2', 'x')).not.toBe(streamKey('1', '2/x'));
  });

  it("a test's second simulation with seed S is not its first with seed S + 1", () => {
    /** The events of each simulation a two-simulation test creates. */
    const executions = (seed: number): string[] => {
      const recorded: string[] = [];
      const test: LabTest = labTest({
        part: 1,
        number: 1,
        points: 0,
        kind: 'run',
        description: 'the seeded scenario twice',
        run(context) {
          for (let run = 0; run < 2; run++)
            recorded.push(runScenarioOn(context.simulation(SCENARIO_NETWORK)).events);
        },
      });
      expect(executeTest(test, { seed, recordEvents: true }).passed).toBe(true);
      return recorded;
    };
    for (const seed of [1, 2, 7, 100]) {
      const [first, second] = executions(seed);
      expect(second).not.toBe(first);
      expect(second).not.toBe(executions(seed + 1)[0]);
    }
  });
});
