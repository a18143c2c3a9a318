import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breadthFirstSearch,
  goal,
  invariant,
  prune,
  replayPath,
  type Predicate,
} from '../../framework/search/index.ts';
import { PackedStateList, stableCopy } from '../../framework/search/packed-state-list.ts';
import type { PackableModel, StatePacking } from '../../framework/search/state-packing.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE,
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
  type SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import { labOneModel } from '../system/lab-one-model.ts';
import { GraphModel, type Graph, type GraphState } from './graph-model.ts';

/**
 * A graph model that packs a state into its node number, and makes every transient
 * successor in one object: if the engine kept a transient successor, the states it holds
 * would change under it, and its results would differ from the plain model's.
 */
class PackedGraphModel extends GraphModel implements PackableModel<GraphState, number> {
  private readonly scratch = { node: -1 };
  readonly packing: StatePacking<GraphState, number> = {
    packedWords: 1,
    pack: (state, words, offset) => {
      words[offset] = state.node;
    },
    unpack: (words, offset) => ({ node: words[offset]! }),
    nextTransient: (state, event) => {
      const next = this.next(state, event);
      this.scratch.node = next.node;
      return this.scratch;
    },
  };
}

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

/** A result without its wall time, which differs from run to run. */
function withoutTime<T extends { elapsedMs: number | undefined }>(result: T): Omit<T, 'elapsedMs'> {
  const { elapsedMs: _elapsedMs, ...rest } = result;
  return rest;
}

describe('breadth-first search with a state packing', () => {
  it('gives the results it gives without one: outcomes, paths, figures', () => {
    fc.assert(
      fc.property(
        graphs,
        fc.nat(39),
        fc.nat(39),
        fc.option(fc.nat(6)),
        (graph, target, wall, depthLimit) => {
          const predicates: Predicate<GraphState>[] = [
            goal('reached', (state) => state.node === target),
            prune('wall', (state) => state.node === wall),
          ];
          const options = depthLimit === null ? {} : { depthLimit };
          const plain = breadthFirstSearch(
            new GraphModel(graph, 'node number'),
            predicates,
            options,
          );
          const packed = breadthFirstSearch(
            new PackedGraphModel(graph, 'node number'),
            predicates,
            options,
          );
          expect(withoutTime(packed)).toEqual(withoutTime(plain));
        },
      ),
    );
  });

  it('gives the node system the results it gives without its packing', () => {
    const unpacked = (model: SystemModel): SystemModel =>
      Object.assign(Object.create(model) as SystemModel, { packing: undefined });
    const cases: [SystemModel, Predicate<SystemState>[], string][] = [
      [labOneModel(3, 2), [RESULTS_OK, CLIENTS_DONE_PRUNE], 'space exhausted'],
      [labOneModel(2, 2), [RESULTS_OK, CLIENTS_DONE], 'goal found'],
      [
        labOneModel(2, 1),
        [
          invariant('no result yet', (state) =>
            state.clientWorkers().every((worker) => worker.results.length < 1),
          ),
          APPENDS_LINEARIZABLE,
        ],
        'invariant violated',
      ],
    ];
    for (const [model, predicates, outcome] of cases) {
      const packed = breadthFirstSearch(model, predicates);
      expect(packed.outcome).toBe(outcome);
      const plain = breadthFirstSearch(unpacked(model), predicates);
      expect(withoutTime({ ...packed, state: undefined, predicate: undefined })).toEqual(
        withoutTime({ ...plain, state: undefined, predicate: undefined }),
      );
      if (packed.outcome === 'goal found' || packed.outcome === 'invariant violated') {
        // The state reported is a copy that stays valid, and the path replays to it.
        const replayed = replayPath(model, packed.initial, packed.path, []);
        expect([replayed.state.fingerprintHigh, replayed.state.fingerprintLow]).toEqual([
          packed.state.fingerprintHigh,
          packed.state.fingerprintLow,
        ]);
        expect(Array.from(packed.state.nodeIds)).toEqual(Array.from(replayed.state.nodeIds));
      }
    }
  });
});

describe('PackedStateList', () => {
  const packing: StatePacking<number[], number> = {
    packedWords: 3,
    pack: (state, words, offset) => words.set(state, offset),
    unpack: (words, offset) => Array.from(words.subarray(offset, offset + 3)),
    nextTransient: () => {
      throw new Error('not used');
    },
  };

  it('keeps states through growth, and is reused after clearing', () => {
    const list = new PackedStateList(packing, 1);
    for (let index = 0; index < 100; index++) list.push([index, -index, index * 7]);
    expect(list.length).toBe(100);
    expect(list.get(57)).toEqual([57, -57, 399]);
    const bytes = list.sizeBytes;
    list.clear();
    expect(list.length).toBe(0);
    list.push([1, 2, 3]);
    expect(list.get(0)).toEqual([1, 2, 3]);
    expect(list.sizeBytes).toBe(bytes);
    expect(stableCopy(packing, [4, 5, 6])).toEqual([4, 5, 6]);
  });
});
