import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../framework/sim/event-queue.ts';

interface Item {
  readonly timeMicros: number;
  readonly sequence: number;
}

type Operation = { readonly op: 'push'; readonly timeMicros: number } | { readonly op: 'pop' };

/** The oracle: a plain array, searched for its earliest item (ties: the first pushed). */
class SortedArrayQueue {
  readonly items: Item[] = [];

  push(item: Item): void {
    this.items.push(item);
  }

  pop(): Item | undefined {
    let best = -1;
    this.items.forEach((item, index) => {
      const current = this.items[best];
      if (current === undefined || item.timeMicros < current.timeMicros) best = index;
    });
    return best < 0 ? undefined : this.items.splice(best, 1)[0];
  }
}

// Few distinct times, so that ties are common.
const operations = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        op: fc.constant('push' as const),
        timeMicros: fc.integer({ min: 0, max: 15 }),
      }),
    },
    { weight: 4, arbitrary: fc.constant({ op: 'pop' as const }) },
  ),
  { maxLength: 300 },
);

describe('EventQueue', () => {
  it('pops in time order, equal times in push order, like a sorted array', () => {
    fc.assert(
      fc.property(operations, (script: Operation[]) => {
        const queue = new EventQueue<Item>();
        const oracle = new SortedArrayQueue();
        let sequence = 0;
        for (const step of script) {
          if (step.op === 'push') {
            const item = { timeMicros: step.timeMicros, sequence: sequence++ };
            queue.push(item);
            oracle.push(item);
          } else {
            expect(queue.pop()).toBe(oracle.pop());
          }
          expect(queue.size).toBe(oracle.items.length);
        }
        // Drain what is left: the same order to the end.
        for (;;) {
          const expected = oracle.pop();
          expect(queue.peek()).toBe(expected);
          expect(queue.pop()).toBe(expected);
          if (expected === undefined) break;
        }
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('is empty when new, and pop of an empty queue is undefined', () => {
    const queue = new EventQueue<Item>();
    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
  });
});
