import type { BudgetTracker } from '../check-budget.ts';
import { PROCESS, REALTIME, RW, WR, WW, type DependencyGraph } from './dependency-graph.ts';

/** One edge of a cycle, with the single label it is taken for. */
export interface CycleStep {
  readonly from: number;
  readonly to: number;
  readonly kind: number;
}

/** A path search gave up because the budget ran out. */
export const EXHAUSTED = 'exhausted';

/**
 * The label an edge is read as when it carries several: data before session order (so a
 * cycle is called a plain anomaly when it can be), and write-write before write-read before
 * read-write (fewer anti-dependencies: the milder, still true, reading).
 */
const PREFERENCE = [WW, WR, RW, PROCESS, REALTIME];

function preferredKind(kinds: number): number {
  for (const kind of PREFERENCE) if ((kinds & kind) !== 0) return kind;
  throw new Error('an edge without labels');
}

/**
 * Breadth-first searches for shortest paths inside one strongly connected component, with
 * every edge scanned charged to a budget. The arrays are allocated once and reused: a
 * search costs only what it visits.
 */
export class PathFinder {
  // Search states are vertex * 2 + (1 when the last edge taken was read-write).
  private readonly seen: Int32Array;
  private readonly parent: Int32Array;
  private readonly parentKind: Uint8Array;
  private readonly queue: Int32Array;
  private search = 0;
  private uncharged = 0;
  private allowance: number;

  constructor(
    private readonly graph: DependencyGraph,
    private readonly budget: BudgetTracker,
  ) {
    const states = graph.vertexCount * 2;
    this.seen = new Int32Array(states);
    this.parent = new Int32Array(states);
    this.parentKind = new Uint8Array(states);
    this.queue = new Int32Array(states);
    this.allowance = budget.allowance();
  }

  /** Whether the budget has run out. */
  get exhausted(): boolean {
    return this.budget.isExhausted;
  }

  /**
   * A shortest path from `start` to `goal` over edges labelled within `mask`, through
   * vertices of component `component` only; `undefined` if there is none.
   */
  shortestPath(
    start: number,
    goal: number,
    mask: number,
    componentOf: Int32Array,
    component: number,
  ): CycleStep[] | undefined | typeof EXHAUSTED {
    return this.breadthFirst(start * 2, goal * 2, mask, componentOf, component, false);
  }

  /**
   * A shortest path from `start`, entered by a read-write edge, to `goal`, left by one,
   * on which no two read-write edges are adjacent (nor the first or last edge read-write):
   * closed by a read-write edge goal → start, it is a G-nonadjacent cycle.
   */
  shortestNonadjacentPath(
    start: number,
    goal: number,
    mask: number,
    componentOf: Int32Array,
    component: number,
  ): CycleStep[] | undefined | typeof EXHAUSTED {
    return this.breadthFirst(start * 2 + 1, goal * 2, mask, componentOf, component, true);
  }

  private breadthFirst(
    startState: number,
    goalState: number,
    mask: number,
    componentOf: Int32Array,
    component: number,
    alternating: boolean,
  ): CycleStep[] | undefined | typeof EXHAUSTED {
    const { offsets, targets, kinds } = this.graph;
    const stamp = ++this.search;
    const { seen, queue } = this;
    let head = 0;
    let tail = 0;
    seen[startState] = stamp;
    queue[tail++] = startState;
    while (head < tail) {
      const state = queue[head++] as number;
      if (state === goalState) return this.pathTo(startState, goalState);
      const vertex = state >> 1;
      const afterReadWrite = (state & 1) === 1;
      const end = offsets[vertex + 1] as number;
      const first = offsets[vertex] as number;
      if (!this.charge(end - first)) return EXHAUSTED;
      for (let edge = first; edge < end; edge++) {
        const labels = (kinds[edge] as number) & mask;
        if (labels === 0) continue;
        const target = targets[edge] as number;
        if (componentOf[target] !== component) continue;
        const plain = alternating ? labels & ~RW : labels;
        if (plain !== 0) tail = this.visit(target * 2, state, preferredKind(plain), stamp, tail);
        if (alternating && (labels & RW) !== 0 && !afterReadWrite)
          tail = this.visit(target * 2 + 1, state, RW, stamp, tail);
      }
    }
    return undefined;
  }

  private visit(state: number, from: number, kind: number, stamp: number, tail: number): number {
    if (this.seen[state] === stamp) return tail;
    this.seen[state] = stamp;
    this.parent[state] = from;
    this.parentKind[state] = kind;
    this.queue[tail] = state;
    return tail + 1;
  }

  private pathTo(startState: number, goalState: number): CycleStep[] {
    const steps: CycleStep[] = [];
    for (let state = goalState; state !== startState;) {
      const from = this.parent[state] as number;
      steps.push({ from: from >> 1, to: state >> 1, kind: this.parentKind[state] as number });
      state = from;
    }
    return steps.reverse();
  }

  /** Charges the steps not yet charged, so that the budget's count is exact. */
  settle(): void {
    if (this.uncharged > 0 && !this.budget.isExhausted) this.budget.spend(this.uncharged);
    this.uncharged = 0;
  }

  private charge(steps: number): boolean {
    this.uncharged += steps + 1;
    if (this.uncharged < this.allowance) return true;
    const spent = this.uncharged;
    this.uncharged = 0;
    const room = this.budget.spend(spent);
    this.allowance = this.budget.allowance();
    return room;
  }
}
