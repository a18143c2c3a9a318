import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Address, address, Node } from '../../framework/index.ts';
import { Simulation } from '../../framework/testing.ts';
import { NoHandlerRunningError } from '../../framework/core/effects.ts';
import { EventLog } from '../fixtures/event-log.ts';

const NODE = address('node');

interface Step {
  readonly kind: 'Step';
  readonly index: number;
}

/** Sets one timer at a time: each fires and sets the next, with its own duration range. */
class TimerChain extends Node {
  constructor(
    address: Address,
    private readonly ranges: readonly (readonly [number, number])[],
  ) {
    super(address);
  }

  override init(): void {
    this.next(0);
  }

  onStep(timer: Step): void {
    this.next(timer.index + 1);
  }

  private next(index: number): void {
    const range = this.ranges[index];
    if (range !== undefined) this.set({ kind: 'Step', index }, range[0], range[1]);
  }
}

/** Sets all its timers at once, in init(). */
class TimerFan extends Node {
  constructor(
    address: Address,
    private readonly ranges: readonly (readonly [number, number])[],
  ) {
    super(address);
  }

  override init(): void {
    this.ranges.forEach(([minMs, maxMs], index) => this.set({ kind: 'Step', index }, minMs, maxMs));
  }

  onStep(): void {}
}

/** Duration ranges in ms, to the microsecond, min ≤ max; a third of them with min = max. */
const ranges = fc.array(
  fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }))
      .map(([a, b]) => [Math.min(a, b) / 1000, Math.max(a, b) / 1000] as const),
    fc.integer({ min: 0, max: 100_000 }).map((micros) => [micros / 1000, micros / 1000] as const),
  ),
  { minLength: 1, maxLength: 40 },
);

function firings(
  seed: number,
  node: (address: Address) => Node,
): { index: number; timeMicros: number }[] {
  const log = new EventLog();
  const simulation = new Simulation({ seed, onEvent: log.record });
  simulation.runFor(1_000); // timers are set from the time init() runs, not from zero
  simulation.addNode(NODE, () => node(NODE));
  simulation.runFor(10_000);
  return log.ofType('timer').map((event) => ({
    index: (event.timer as Step).index,
    timeMicros: event.timeMicros - 1_000_000,
  }));
}

describe('timers', () => {
  it('fire between min and max after they were set (exactly then when min = max)', () => {
    fc.assert(
      fc.property(fc.nat(), ranges, (seed, durations) => {
        const fired = firings(seed, (at) => new TimerChain(at, durations));
        expect(fired.map(({ index }) => index)).toEqual(durations.map((_, index) => index));
        let setAt = 0;
        fired.forEach(({ index, timeMicros }) => {
          const [minMs, maxMs] = durations[index] ?? [NaN, NaN];
          const elapsed = timeMicros - setAt;
          if (minMs === maxMs) expect(elapsed).toBe(Math.round(minMs * 1000));
          expect(elapsed).toBeGreaterThanOrEqual(Math.round(minMs * 1000));
          expect(elapsed).toBeLessThanOrEqual(Math.round(maxMs * 1000));
          setAt = timeMicros;
        });
      }),
      { seed: 31_337, numRuns: 100 },
    );
  });

  it('set together, each fires within its own range; equal due times fire in the order set', () => {
    fc.assert(
      fc.property(fc.nat(), ranges, (seed, durations) => {
        const fired = firings(seed, (at) => new TimerFan(at, durations));
        expect(fired.map(({ index }) => index).sort((a, b) => a - b)).toEqual(
          durations.map((_, index) => index),
        );
        for (const { index, timeMicros } of fired) {
          const [minMs, maxMs] = durations[index] ?? [NaN, NaN];
          expect(timeMicros).toBeGreaterThanOrEqual(Math.round(minMs * 1000));
          expect(timeMicros).toBeLessThanOrEqual(Math.round(maxMs * 1000));
        }
        for (let i = 1; i < fired.length; i++) {
          const previous = fired[i - 1];
          const current = fired[i];
          if (previous === undefined || current === undefined) continue;
          expect(current.timeMicros).toBeGreaterThanOrEqual(previous.timeMicros);
          if (current.timeMicros === previous.timeMicros)
            expect(current.index).toBeGreaterThan(previous.index);
        }
      }),
      { seed: 27_182, numRuns: 100 },
    );
  });

  it('refuses an invalid duration range, naming the timer', () => {
    const simulation = new Simulation({ seed: 1 });
    expect(() => simulation.addNode(NODE, () => new TimerFan(NODE, [[5, 2]]))).toThrow(
      'node threw in init at 0 ms: RangeError: timer Step: invalid duration range [5, 2] ms',
    );
  });

  it('cannot be set outside a handler', () => {
    class EagerNode extends Node {
      constructor(at: Address) {
        super(at);
        this.set({ kind: 'Step', index: 0 }, 1);
      }
    }
    expect(() => new EagerNode(NODE)).toThrow(NoHandlerRunningError);
  });
});
