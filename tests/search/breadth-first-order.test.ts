import { describe, expect, it } from 'vitest';
import {
  breadthFirstSearch,
  invariant,
  type Fingerprint,
  type Model,
} from '../../framework/search/index.ts';

/**
 * From state 0, event 0 leads to 1, event 1 throws, event 2 leads to 2. Breadth-first search
 * makes a state's successors ahead of looking them up (to fetch their slots together), and must
 * still report what it meets in event order, as if it made them one by one.
 */
const model: Model<number, number> = {
  initialStates: () => [0],
  events: (state) => (state === 0 ? [0, 1, 2] : []),
  next: (_state, event) => {
    if (event === 1) throw new Error('event 1 throws');
    return event === 0 ? 1 : 2;
  },
  fingerprint: (state): Fingerprint => ({ high: 7, low: state + 1 }),
  describeEvent: (event) => `event ${event}`,
};

describe('breadth-first search in event order', () => {
  it('reports a finding in a successor made before an event that throws', () => {
    const result = breadthFirstSearch(model, [invariant('not 1', (state) => state !== 1)]);
    expect(result.outcome).toBe('invariant violated');
    if (result.outcome === 'invariant violated') expect(result.path).toEqual([0]);
  });

  it('reports the exception before a finding in a successor of a later event', () => {
    const result = breadthFirstSearch(model, [invariant('not 2', (state) => state !== 2)]);
    expect(result.outcome).toBe('exception thrown');
    if (result.outcome === 'exception thrown') expect(result.path).toEqual([1]);
    expect(result.transitions).toBe(2);
  });
});
