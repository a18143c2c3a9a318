import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breadthFirstSearch,
  goal,
  isFinding,
  minimizeFinding,
  prune,
  randomProbeSearch,
  replayPath,
} from '../../framework/search/index.ts';
import { reachableStates } from './brute-force.ts';
import { distances, GraphModel, type Graph } from './graph-model.ts';

const graphs: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 40 }).chain((nodeCount) =>
  fc.record({
    nodeCount: fc.constant(nodeCount),
    edges: fc.array(fc.array(fc.nat(nodeCount - 1), { maxLength: 4 }), {
      minLength: nodeCount,
      maxLength: nodeCount,
    }),
    initial: fc.array(fc.nat(nodeCount - 1), { minLength: 1, maxLength: 3 }),
  }),
);
const fingerprintKinds = fc.constantFrom('hashed' as const, 'node number' as const);

describe('breadth-first search on random graphs', () => {
  it('counts exactly the states a brute-force enumeration of whole states finds', () => {
    fc.assert(
      fc.property(graphs, fingerprintKinds, (graph, fingerprints) => {
        const model = new GraphModel(graph, fingerprints);
        const result = breadthFirstSearch(model, []);
        const oracle = reachableStates(model, (state) => String(state.node));
        expect(result.outcome).toBe('space exhausted');
        expect(result.uniqueStates).toBe(oracle.size);
        expect(result.depthReached).toBe(Math.max(...distances(graph).values()));
      }),
    );
  });

  it('explores exactly the states within the depth limit', () => {
    fc.assert(
      fc.property(graphs, fc.nat(6), (graph, depthLimit) => {
        const result = breadthFirstSearch(new GraphModel(graph), [], { depthLimit });
        const within = [...distances(graph).values()].filter(
          (distance) => distance <= depthLimit,
        ).length;
        expect(result.uniqueStates).toBe(within);
        expect(result.outcome).toBe('space exhausted');
      }),
    );
  });

  it('reaches a goal by a shortest path that replays to it', () => {
    fc.assert(
      fc.property(graphs, fc.nat(39), (graph, target) => {
        const model = new GraphModel(graph, 'node number');
        const reached = goal<{ node: number }>('reached', (state) => state.node === target);
        const result = breadthFirstSearch(model, [reached]);
        const distance = distances(graph).get(target);
        expect(result.outcome).toBe(distance === undefined ? 'space exhausted' : 'goal found');
        if (result.outcome !== 'goal found') return;
        expect(result.path).toHaveLength(distance!);
        expect(replayPath(model, result.initial, result.path, [reached])).toMatchObject({
          outcome: 'goal found',
          step: distance,
        });
      }),
    );
  });

  it('never expands a pruned state', () => {
    fc.assert(
      fc.property(graphs, fc.nat(39), (graph, wall) => {
        const model = new GraphModel(graph);
        const result = breadthFirstSearch(model, [prune('wall', (state) => state.node === wall)]);
        const oracle = reachableStates(
          model,
          (state) => String(state.node),
          (state) => state.node === wall,
        );
        expect(result.uniqueStates).toBe(oracle.size);
      }),
    );
  });
});

describe('random probes on random graphs', () => {
  it('see only reachable states, and the same seed gives the same result', () => {
    fc.assert(
      fc.property(graphs, fc.integer(), (graph, seed) => {
        const model = new GraphModel(graph);
        const options = { seed, probeLimit: 20, depthLimit: 10 };
        const result = randomProbeSearch(model, [], options);
        expect(result.uniqueStates).toBeLessThanOrEqual(
          reachableStates(model, (state) => String(state.node)).size,
        );
        expect(randomProbeSearch(model, [], options)).toEqual(result);
      }),
    );
  });

  it('find paths that minimize to 1-minimal paths still reaching the goal', () => {
    fc.assert(
      fc.property(graphs, fc.nat(39), fc.integer(), (graph, target, seed) => {
        const model = new GraphModel(graph);
        const reached = goal<{ node: number }>('reached', (state) => state.node === target);
        const found = randomProbeSearch(model, [reached], { seed, probeLimit: 50, depthLimit: 30 });
        if (!isFinding(found)) return;
        const minimized = minimizeFinding(model, found, [reached]);
        expect(minimized.path.length).toBeLessThanOrEqual(found.path.length);
        expect(minimized.path.length).toBeGreaterThanOrEqual(distances(graph).get(target)!);
        expect(replayPath(model, minimized.initial, minimized.path, [reached]).outcome).toBe(
          'goal found',
        );
        for (let drop = 0; drop < minimized.path.length; drop++) {
          const shorter = minimized.path.filter((_, index) => index !== drop);
          expect(replayPath(model, minimized.initial, shorter, [reached]).outcome).not.toBe(
            'goal found',
          );
        }
      }),
    );
  });
});
