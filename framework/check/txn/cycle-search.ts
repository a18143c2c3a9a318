import type { BudgetTracker } from '../check-budget.ts';
import {
  CYCLE_SHAPES,
  type CycleAnomalyType,
  type CycleShape,
  type CycleVariant,
} from './anomaly-types.ts';
import { classifyCycle } from './cycle-classification.ts';
import { DATA, PROCESS, REALTIME, RW, WR, WW, type DependencyGraph } from './dependency-graph.ts';
import { EXHAUSTED, PathFinder, type CycleStep } from './path-finder.ts';
import { stronglyConnectedComponents, type Components } from './strongly-connected-components.ts';

/** The cycles found, per anomaly type, and the types a spent budget left undecided. */
export interface CycleSearchResult {
  /** Per type: how many components showed it, and their cycles (shortest first, bounded). */
  readonly found: ReadonlyMap<CycleAnomalyType, { count: number; cycles: CycleStep[][] }>;
  /** Types whose search the budget cut short (absent from `found` does not mean absent). */
  readonly undecided: readonly CycleAnomalyType[];
}

/** Which session orders the search may use. */
export interface CycleSearchOptions {
  readonly processEdges: boolean;
  readonly realtimeEdges: boolean;
  readonly cyclesMax: number;
}

/** One search: the edges its components and paths use, and the edges a cycle starts with. */
interface ShapeSearch {
  readonly shape: CycleShape;
  readonly componentMask: number;
  readonly startKinds: number;
}

/**
 * Finds cycle anomalies as Elle does: strongly connected components first (a history whose
 * graph has none is free of every cycle anomaly, in linear time), then, inside each
 * component, a shortest cycle of each shape through a chosen first edge — a wr edge for
 * G1c, an rw edge for G-single, G-nonadjacent and G2-item — by breadth-first search. Plain
 * data cycles are searched first, then cycles that also use process order, then real
 * time; a component where a shape was already found is not searched for it again in a
 * larger graph. Every edge scanned is charged to the budget.
 */
export function searchCycles(
  graph: DependencyGraph,
  budget: BudgetTracker,
  options: CycleSearchOptions,
): CycleSearchResult {
  const found = new Map<CycleAnomalyType, { count: number; cycles: CycleStep[][] }>();
  const layers: { variant: CycleVariant; extra: number }[] = [{ variant: '', extra: 0 }];
  if (options.processEdges) layers.push({ variant: '-process', extra: PROCESS });
  if (options.realtimeEdges)
    layers.push({ variant: '-realtime', extra: REALTIME | (options.processEdges ? PROCESS : 0) });
  const pending = layers.flatMap(({ variant }) =>
    CYCLE_SHAPES.map((shape): CycleAnomalyType => `${shape}${variant}`),
  );
  const unionMask = layers.reduce((mask, layer) => mask | layer.extra, DATA);
  const included = cyclicVertices(stronglyConnectedComponents(graph, unionMask));
  if (included === undefined) return { found, undecided: [] };
  const finder = new PathFinder(graph, budget);
  const covered = new Map(CYCLE_SHAPES.map((shape) => [shape, new Uint8Array(graph.vertexCount)]));
  const componentsByMask = new Map<number, Components>();
  const componentsOf = (mask: number): Components => {
    let components = componentsByMask.get(mask);
    if (components === undefined) {
      components = stronglyConnectedComponents(graph, mask, included);
      componentsByMask.set(mask, components);
    }
    return components;
  };
  const record = (rawCycle: CycleStep[], members: readonly number[]): void => {
    const cycle = startingAtLowest(rawCycle);
    const type = classifyCycle(cycle);
    const entry = found.get(type) ?? { count: 0, cycles: [] };
    entry.count++;
    entry.cycles.push(cycle);
    found.set(type, entry);
    const shapeCovered = covered.get(type.replace(/-(process|realtime)$/, '') as CycleShape);
    for (const member of members) (shapeCovered as Uint8Array)[member] = 1;
  };
  for (const { variant, extra } of layers) {
    for (const search of shapeSearches(extra)) {
      const context: SearchContext = {
        graph,
        finder,
        components: componentsOf(search.componentMask),
        extra,
        target: `${search.shape}${variant}`,
        // A component that showed a milder rw cycle is not searched for a harsher one.
        covered: coveringShapes(search.shape).map((shape) => covered.get(shape) as Uint8Array),
      };
      if (!searchShape(search, context, record)) {
        finder.settle();
        return { found: trimmed(found, options.cyclesMax), undecided: pending };
      }
      pending.shift();
    }
  }
  finder.settle();
  return { found: trimmed(found, options.cyclesMax), undecided: [] };
}

function coveringShapes(shape: CycleShape): CycleShape[] {
  if (shape === 'G2-item') return ['G-single', 'G-nonadjacent', 'G2-item'];
  return [shape];
}

function shapeSearches(extra: number): ShapeSearch[] {
  return [
    { shape: 'G0', componentMask: WW | extra, startKinds: extra === 0 ? WW : extra },
    { shape: 'G1c', componentMask: WW | WR | extra, startKinds: WR },
    { shape: 'G-single', componentMask: DATA | extra, startKinds: RW },
    { shape: 'G-nonadjacent', componentMask: DATA | extra, startKinds: RW },
    { shape: 'G2-item', componentMask: DATA | extra, startKinds: RW },
  ];
}

/** Marks the vertices in components of two or more; `undefined` when there are none. */
function cyclicVertices(components: Components): Uint8Array | undefined {
  const { componentOf, sizes } = components;
  const included = new Uint8Array(componentOf.length);
  let any = false;
  for (let vertex = 0; vertex < componentOf.length; vertex++) {
    const component = componentOf[vertex] as number;
    if (component >= 0 && (sizes[component] as number) > 1) {
      included[vertex] = 1;
      any = true;
    }
  }
  return any ? included : undefined;
}

interface SearchContext {
  readonly graph: DependencyGraph;
  readonly finder: PathFinder;
  readonly components: Components;
  readonly extra: number;
  readonly target: CycleAnomalyType;
  readonly covered: readonly Uint8Array[];
}

/** Searches every component for one shape; false when the budget ran out. */
function searchShape(
  search: ShapeSearch,
  context: SearchContext,
  record: (cycle: CycleStep[], members: readonly number[]) => void,
): boolean {
  for (const members of membersOfCyclicComponents(context.components)) {
    if (context.covered.some((covered) => members.some((member) => covered[member] === 1)))
      continue;
    const cycle = cycleInComponent(search, context, members);
    if (cycle === EXHAUSTED) return false;
    if (cycle !== undefined) record(cycle, members);
  }
  return true;
}

function membersOfCyclicComponents(components: Components): number[][] {
  const members = new Map<number, number[]>();
  components.componentOf.forEach((component, vertex) => {
    if (component < 0 || (components.sizes[component] as number) < 2) return;
    let list = members.get(component);
    if (list === undefined) {
      list = [];
      members.set(component, list);
    }
    list.push(vertex);
  });
  return [...members.values()];
}

/** A shortest cycle of the sought type through the first start edge that has one. */
function cycleInComponent(
  search: ShapeSearch,
  context: SearchContext,
  members: readonly number[],
): CycleStep[] | undefined | typeof EXHAUSTED {
  const { graph, finder, components, extra } = context;
  const { componentOf } = components;
  const component = componentOf[members[0] as number] as number;
  for (const from of members) {
    for (
      let edge = graph.offsets[from] as number;
      edge < (graph.offsets[from + 1] as number);
      edge++
    ) {
      const kinds = graph.kinds[edge] as number;
      const to = graph.targets[edge] as number;
      if ((kinds & search.startKinds) === 0 || componentOf[to] !== component) continue;
      const startKind = lowestBit(kinds & search.startKinds);
      const path = pathFor(search.shape, finder, to, from, extra, componentOf, component);
      if (path === EXHAUSTED) return EXHAUSTED;
      if (path === undefined) continue;
      const cycle = [{ from, to, kind: startKind }, ...path];
      // A path may close a milder cycle than the one sought (a G-single where G-nonadjacent
      // was sought); that one is found by its own search.
      if (classifyCycle(cycle) === context.target) return cycle;
    }
  }
  return undefined;
}

function pathFor(
  shape: CycleShape,
  finder: PathFinder,
  start: number,
  goal: number,
  extra: number,
  componentOf: Int32Array,
  component: number,
): CycleStep[] | undefined | typeof EXHAUSTED {
  switch (shape) {
    case 'G0':
      return finder.shortestPath(start, goal, WW | extra, componentOf, component);
    case 'G1c':
    case 'G-single':
      return finder.shortestPath(start, goal, WW | WR | extra, componentOf, component);
    case 'G-nonadjacent':
      return finder.shortestNonadjacentPath(start, goal, DATA | extra, componentOf, component);
    case 'G2-item':
      return finder.shortestPath(start, goal, DATA | extra, componentOf, component);
  }
}

/** The same cycle, started at its lowest-numbered transaction (T1 < T2 reads best). */
function startingAtLowest(cycle: CycleStep[]): CycleStep[] {
  let first = 0;
  cycle.forEach((step, index) => {
    if (step.from < (cycle[first] as CycleStep).from) first = index;
  });
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

function lowestBit(bits: number): number {
  return bits & -bits;
}

function trimmed(
  found: Map<CycleAnomalyType, { count: number; cycles: CycleStep[][] }>,
  cyclesMax: number,
): Map<CycleAnomalyType, { count: number; cycles: CycleStep[][] }> {
  for (const entry of found.values()) {
    entry.cycles.sort((a, b) => a.length - b.length);
    entry.cycles.length = Math.min(entry.cycles.length, cyclesMax);
  }
  return found;
}
