import { hashString64 } from '../../framework/core/hash.ts';
import type { Fingerprint, Model } from '../../framework/search/index.ts';

/** A directed graph as a state machine: states are nodes, events are edge indices. */
export interface Graph {
  readonly nodeCount: number;
  /** `edges[node]` lists the nodes its edges lead to (self-loops and repeats allowed). */
  readonly edges: readonly (readonly number[])[];
  readonly initial: readonly number[];
}

/** A state as an object, so that every transition makes a new one, as the node adapter's do. */
export interface GraphState {
  readonly node: number;
}

/**
 * A random graph as a model. Fingerprints are either a real hash or the node number itself
 * in the low half, which makes node 0's fingerprint 0:0, the value the visited set reserves.
 */
export class GraphModel implements Model<GraphState, number> {
  constructor(
    readonly graph: Graph,
    private readonly fingerprints: 'hashed' | 'node number' = 'hashed',
  ) {}

  initialStates(): readonly GraphState[] {
    return this.graph.initial.map((node) => ({ node }));
  }

  events(state: GraphState): readonly number[] {
    return (this.graph.edges[state.node] ?? []).map((_, index) => index);
  }

  next(state: GraphState, event: number): GraphState {
    const target = this.graph.edges[state.node]?.[event];
    if (target === undefined) throw new Error(`no edge ${event} from node ${state.node}`);
    return { node: target };
  }

  fingerprint(state: GraphState): Fingerprint {
    return this.fingerprints === 'hashed'
      ? hashString64(`node ${state.node}`)
      : { high: 0, low: state.node };
  }

  describeEvent(event: number): string {
    return `edge ${event}`;
  }
}

/** Shortest distances from the initial nodes, by a plain queue (the oracle for depths). */
export function distances(graph: Graph): Map<number, number> {
  const distance = new Map<number, number>();
  const queue: number[] = [];
  for (const node of graph.initial) {
    if (!distance.has(node)) {
      distance.set(node, 0);
      queue.push(node);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of graph.edges[node] ?? []) {
      if (distance.has(target)) continue;
      distance.set(target, distance.get(node)! + 1);
      queue.push(target);
    }
  }
  return distance;
}
