import type { Node } from '../core/node.ts';
import { invariant, type Predicate } from '../search/predicate.ts';
import type { NodeSystem } from './node-system.ts';
import { NodeTupleMemo } from './node-tuple-memo.ts';
import type { SystemState } from './system-state.ts';

/**
 * Entries per generation of each memo unless told otherwise: enough for the combinations a
 * search meets in a level, small enough (a few MB) to keep one per invariant.
 */
const MEMO_GENERATION_ENTRIES_DEFAULT = 1 << 14;

/**
 * What an invariant over some nodes of a system reads: which nodes, what of each, and the
 * problem in them. Plain functions of node states: {@link nodesInvariant} memoizes them.
 */
export interface NodesCheck<N extends Node, V> {
  /** The nodes the check reads. It must not depend on any other node. */
  readonly select: (node: Node) => node is N;
  /**
   * What the check reads of one node, computed once per node state (as long as the memo keeps
   * it). Without it, the problem reads the nodes themselves.
   */
  readonly view?: (node: N) => V;
  /**
   * The first problem in the views of the selected nodes (in the order the nodes were added),
   * or undefined when there is none. It must depend on the views only: it is computed once per
   * combination of node states.
   */
  readonly problem: (views: readonly V[]) => string | undefined;
}

/** How much a {@link nodesInvariant} may memoize. */
export interface NodesInvariantOptions {
  /**
   * Entries per generation of each memo (it holds at most twice as many). A view memo shared
   * with other invariants (see {@link nodesInvariant}) keeps the size of the first.
   */
  readonly memoGenerationEntries?: number;
}

/**
 * An invariant over some nodes of each state, memoized on their interned node states: a search
 * computes a node's view once per node state, and the problem once per combination of them,
 * however many global states (networks, timers, other nodes) share it. A lab's invariants are
 * then plain functions of the nodes, with no caches of their own. The memos are bounded
 * (see {@link NodeTupleMemo}), so a long search evicts rather than grows.
 *
 * @example
 * const LOGS_AGREE = nodesInvariant('logs agree', {
 *   select: (node): node is LogServer => node instanceof LogServer,
 *   view: (server) => server.chosenCommands(),
 *   problem: (logs) => disagreement(logs),
 * });
 */
export function nodesInvariant<N extends Node, V = N>(
  name: string,
  check: NodesCheck<N, V>,
  options: NodesInvariantOptions = {},
): Predicate<SystemState> {
  const generationEntries = options.memoGenerationEntries ?? MEMO_GENERATION_ENTRIES_DEFAULT;
  // Interned ids are per system, and per epoch of it (a random search that forgets its
  // tables gives ids out again): each system has memos of its own, dropped when it forgets.
  const problemMemos = new WeakMap<NodeSystem, EpochMemo<NodeTupleMemo<string | true>>>();
  const view = check.view ?? ((node: N) => node as unknown as V);
  const selected: number[] = [];
  const single = new Int32Array(1);
  return invariant(name, (state) => {
    const system = state.system;
    let entry = problemMemos.get(system);
    if (entry === undefined || entry.epoch !== system.epoch) {
      entry = { epoch: system.epoch, memo: new NodeTupleMemo(generationEntries) };
      problemMemos.set(system, entry);
    }
    const problems = entry.memo;
    const views = viewMemo(system, view, generationEntries);
    selected.length = 0;
    const count = system.addresses.length;
    for (let index = 0; index < count; index++) {
      const id = state.nodeIdAt(index);
      if (check.select(system.nodes.value(id))) selected.push(id);
    }
    return problems.get(selected, selected.length, () => {
      const selectedViews = selected.map((id) => {
        single[0] = id;
        return views.get(single, 1, () => view(system.nodes.value(id) as N));
      });
      return check.problem(selectedViews) ?? true;
    });
  });
}

/**
 * Each system's memos of node views, one per view function: invariants that read the same
 * view of a node (a server's log, say) compute it once between them.
 */
const viewMemos = new WeakMap<NodeSystem, EpochMemo<Map<unknown, NodeTupleMemo<unknown>>>>();

/** A memo keyed by interned ids, valid in the epoch of its system it was filled in. */
interface EpochMemo<M> {
  readonly epoch: number;
  readonly memo: M;
}

function viewMemo<V>(
  system: NodeSystem,
  view: (node: never) => V,
  generationEntries: number,
): NodeTupleMemo<V> {
  let entry = viewMemos.get(system);
  if (entry === undefined || entry.epoch !== system.epoch) {
    entry = { epoch: system.epoch, memo: new Map<unknown, NodeTupleMemo<unknown>>() };
    viewMemos.set(system, entry);
  }
  const memos = entry.memo;
  let memo = memos.get(view);
  if (memo === undefined) memos.set(view, (memo = new NodeTupleMemo(generationEntries)));
  return memo as NodeTupleMemo<V>;
}
