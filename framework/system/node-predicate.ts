import type { Node } from '../core/node.ts';
import { invariant, type Predicate } from '../search/predicate.ts';
import type { NodeSystem } from './node-system.ts';
import { hashNodeIds, NodeTupleMemo, NOT_MEMOIZED } from './node-tuple-memo.ts';
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
  /**
   * The nodes the check reads. It must not depend on any other node: it is asked once per node
   * state (and invariants that share the function share its answers).
   */
  readonly select: (node: Node) => node is N;
  /**
   * What the check reads of one node, computed once per node state (as long as the memo keeps
   * it). Without it, the problem reads the nodes themselves.
   */
  readonly view?: (node: N) => V;
  /**
   * The first problem in the views of the selected nodes (in the order the nodes were added),
   * or undefined when there is none. It must depend on the views only: it is computed once per
   * combination of node states. The array is the invariant's own, filled again for the next
   * combination: do not keep it.
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
  const selectedViews: V[] = [];
  return invariant(name, (state) => {
    const system = state.system;
    let entry = problemMemos.get(system);
    if (entry === undefined || entry.epoch !== system.epoch) {
      entry = { epoch: system.epoch, memo: new NodeTupleMemo(generationEntries) };
      problemMemos.set(system, entry);
    }
    const problems = entry.memo;
    const selection = selectionOf(state, check.select);
    const { ids, length, hash } = selection;
    const found = problems.lookup(ids, length, hash);
    if (found !== NOT_MEMOIZED) return found;
    const views = viewCache(system, view, generationEntries);
    selectedViews.length = length;
    for (let at = 0; at < length; at++) {
      const id = ids[at]!;
      selectedViews[at] = views.get(id) ?? views.set(id, view(system.nodes.value(id) as N));
    }
    const problem = check.problem(selectedViews) ?? true;
    problems.store(ids, length, hash, problem);
    return problem;
  });
}

/**
 * The nodes a select function picks in one state, as their interned ids in the order the nodes
 * were added, with the hash a {@link NodeTupleMemo} files them under: the invariants that share a
 * select function (a lab's log invariants all read the servers) find them once per state.
 */
class Selection {
  /** Per node state id: 1 if selected, 2 if not, 0 if not asked yet. */
  private flags = new Uint8Array(SELECTION_FLAGS_INITIAL);
  /** The state whose selection this is, and its fingerprint (a transient state is reused). */
  private state: SystemState | undefined;
  private fingerprintHigh = 0;
  private fingerprintLow = 0;
  readonly ids: Int32Array;
  length = 0;
  hash = 0;

  constructor(
    readonly system: NodeSystem,
    readonly epoch: number,
    private readonly select: (node: Node) => boolean,
  ) {
    this.ids = new Int32Array(system.addresses.length);
  }

  /** Selects in `state`, unless it is the state selected in last. */
  update(state: SystemState): void {
    if (
      state === this.state &&
      state.fingerprintHigh === this.fingerprintHigh &&
      state.fingerprintLow === this.fingerprintLow
    )
      return;
    const { system, ids } = this;
    let length = 0;
    const count = system.addresses.length;
    for (let index = 0; index < count; index++) {
      const id = state.nodeIdAt(index);
      if (this.selected(id)) ids[length++] = id;
    }
    this.length = length;
    this.hash = hashNodeIds(ids, length);
    this.state = state;
    this.fingerprintHigh = state.fingerprintHigh;
    this.fingerprintLow = state.fingerprintLow;
  }

  private selected(id: number): boolean {
    if (id >= this.flags.length) {
      let size = this.flags.length * 2;
      while (size <= id) size *= 2;
      const flags = new Uint8Array(size);
      flags.set(this.flags);
      this.flags = flags;
    }
    let flag = this.flags[id]!;
    if (flag === 0) this.flags[id] = flag = this.select(this.system.nodes.value(id)) ? 1 : 2;
    return flag === 1;
  }
}

/** Node state ids a selection has flags for at first; it doubles as ids grow. */
const SELECTION_FLAGS_INITIAL = 1 << 10;

/** The selection of each select function, for the system and epoch it was made in last. */
const selections = new WeakMap<(node: Node) => boolean, Selection>();

function selectionOf(state: SystemState, select: (node: Node) => boolean): Selection {
  const system = state.system;
  let selection = selections.get(select);
  if (selection === undefined || selection.system !== system || selection.epoch !== system.epoch) {
    selection = new Selection(system, system.epoch, select);
    selections.set(select, selection);
  }
  selection.update(state);
  return selection;
}

/**
 * The views of one view function by node state id, direct-mapped: an id has one slot (its low
 * bits), and a newer id with the same slot takes it over. Ids are given out densely, so the
 * last `slots` node states are never evicted by each other; the cache never grows.
 */
class ViewCache<V> {
  private readonly ids: Int32Array;
  private readonly views: (V | undefined)[];
  private readonly mask: number;

  /** Room for `entriesMax` views at most (a power of two, the largest not above it). */
  constructor(entriesMax: number) {
    let slots = 1;
    while (slots * 2 <= entriesMax) slots *= 2;
    this.ids = new Int32Array(slots).fill(-1);
    this.views = new Array<V | undefined>(slots);
    this.mask = slots - 1;
  }

  get(id: number): V | undefined {
    const slot = id & this.mask;
    return this.ids[slot] === id ? this.views[slot] : undefined;
  }

  set(id: number, view: V): V {
    const slot = id & this.mask;
    this.ids[slot] = id;
    this.views[slot] = view;
    return view;
  }
}

/**
 * Each system's caches of node views, one per view function: invariants that read the same
 * view of a node (a server's log, say) compute it once between them.
 */
const viewCaches = new WeakMap<NodeSystem, EpochMemo<Map<unknown, ViewCache<unknown>>>>();

/** A memo keyed by interned ids, valid in the epoch of its system it was filled in. */
interface EpochMemo<M> {
  readonly epoch: number;
  readonly memo: M;
}

function viewCache<V>(
  system: NodeSystem,
  view: (node: never) => V,
  generationEntries: number,
): ViewCache<V> {
  let entry = viewCaches.get(system);
  if (entry === undefined || entry.epoch !== system.epoch) {
    entry = { epoch: system.epoch, memo: new Map<unknown, ViewCache<unknown>>() };
    viewCaches.set(system, entry);
  }
  const caches = entry.memo;
  let cache = caches.get(view);
  // Twice a generation: a tuple memo holds up to two generations too.
  if (cache === undefined) caches.set(view, (cache = new ViewCache(2 * generationEntries)));
  return cache as ViewCache<V>;
}
