import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathLevels } from '../../framework/search/path-levels.ts';
import {
  breadthFirstSearch,
  goal,
  replayPath,
  type Fingerprint,
  type Model,
} from '../../framework/search/index.ts';
import { hashString64 } from '../../framework/core/hash.ts';

/** Builds levels from a random tree and checks every entry's path against the tree's own. */
describe('path levels', () => {
  // Each level lists [parent index, event] for its entries; events may be any value.
  const events = fc.oneof(
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    fc.constant(-0),
    fc.double(),
    fc.string(),
    fc.constant(2 ** 40),
  );
  const trees = fc.array(fc.array(fc.tuple(fc.nat(), events), { minLength: 1, maxLength: 30 }), {
    maxLength: 6,
  });

  it('rebuilds each entry path: root prefix, then the events from the root, oldest first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), trees, (rootCount, tree) => {
        const levels = new PathLevels<string, unknown>();
        let paths: { initial: string; path: unknown[] }[] = [];
        for (let root = 0; root < rootCount; root++) {
          levels.addRoot(`root ${root}`, [`prefix ${root}`]);
          paths.push({ initial: `root ${root}`, path: [`prefix ${root}`] });
        }
        for (const level of tree) {
          const next = level.map(([parent, event]) => {
            const from = parent % paths.length;
            levels.add(from, event);
            return { initial: paths[from]!.initial, path: [...paths[from]!.path, event] };
          });
          levels.endLevel();
          paths = next;
        }
        paths.forEach((expected, index) => {
          const rebuilt = levels.pathTo(tree.length, index);
          expect(rebuilt.initial).toBe(expected.initial);
          expect(rebuilt.path.length).toBe(expected.path.length);
          // Object.is tells -0 from 0: a packed -0 would come back as 0.
          rebuilt.path.forEach((event, at) =>
            expect(Object.is(event, expected.path[at])).toBe(true),
          );
        });
      }),
    );
  });

  it('grows a level past its initial capacity', () => {
    const levels = new PathLevels<string, number>();
    levels.addRoot('root', []);
    for (let index = 0; index < 5000; index++) levels.add(0, index * 3);
    levels.endLevel();
    for (let index = 0; index < 5000; index++) levels.add(index, -index);
    levels.endLevel();
    expect(levels.pathTo(2, 4321)).toEqual({ initial: 'root', path: [4321 * 3, -4321] });
    expect(levels.sizeBytes).toBeGreaterThanOrEqual(10_000 * 8);
  });

  it('refuses roots after other levels', () => {
    const levels = new PathLevels<string, number>();
    levels.addRoot('root', []);
    levels.add(0, 1);
    expect(() => levels.addRoot('late', [])).toThrow(/roots come before/);
  });
});

/** Counting in steps that are strings: paths of events that are not numbers. */
class StepModel implements Model<number, string> {
  initialStates(): readonly number[] {
    return [0];
  }
  events(state: number): readonly string[] {
    return state < 40 ? ['+1', '+3', 'x2'] : [];
  }
  next(state: number, event: string): number {
    return event === 'x2' ? state * 2 : state + Number(event);
  }
  fingerprint(state: number): Fingerprint {
    return hashString64(String(state));
  }
  describeEvent(event: string): string {
    return event;
  }
}

describe('breadth-first search with events that are not numbers', () => {
  it('finds a shortest path that replays to the goal', () => {
    const model = new StepModel();
    const result = breadthFirstSearch(model, [goal('37', (state) => state === 37)]);
    if (result.outcome !== 'goal found') throw new Error(`no goal: ${result.outcome}`);
    expect(result.path.every((event) => typeof event === 'string')).toBe(true);
    expect(replayPath(model, result.initial, result.path, [])).toMatchObject({
      outcome: 'completed',
      state: 37,
    });
    expect(result.path.length).toBe(shortestSteps(model, 37));
  });
});

function shortestSteps(model: StepModel, target: number): number {
  const distance = new Map<number, number>([[0, 0]]);
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    if (state === target) return distance.get(state)!;
    for (const event of model.events(state)) {
      const next = model.next(state, event);
      if (!distance.has(next)) {
        distance.set(next, distance.get(state)! + 1);
        queue.push(next);
      }
    }
  }
  throw new Error('unreachable');
}
