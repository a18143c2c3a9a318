/**
 * The transaction dependency graph: one vertex per transaction, and edges labelled with the
 * reasons one transaction must precede another. Several reasons between the same pair are
 * one edge with several labels. Stored as compressed adjacency arrays, because a history of
 * a million transactions has millions of edges.
 */

/** Edge labels, as bits. */
export const WW = 1;
export const WR = 2;
export const RW = 4;
export const PROCESS = 8;
export const REALTIME = 16;
/** The data dependencies (Adya's direct serialization graph). */
export const DATA = WW | WR | RW;

/** The name of one label bit. */
export function edgeKindName(kind: number): string {
  switch (kind) {
    case WW:
      return 'ww';
    case WR:
      return 'wr';
    case RW:
      return 'rw';
    case PROCESS:
      return 'process';
    case REALTIME:
      return 'realtime';
    default:
      throw new Error(`not a single edge kind: ${kind}`);
  }
}

/** A finished graph: the edges of vertex v are `targets[offsets[v] .. offsets[v + 1])`. */
export interface DependencyGraph {
  readonly vertexCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** The labels of each edge, as bits. */
  readonly kinds: Uint8Array;
}

/** Collects edges in growable typed arrays, then builds a {@link DependencyGraph}. */
export class DependencyGraphBuilder {
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private count = 0;

  constructor(private readonly vertexCount: number) {}

  /** Adds an edge; self-edges carry no ordering and are ignored. */
  add(from: number, to: number, kind: number): void {
    if (from === to) return;
    if (this.count === this.from.length) this.grow();
    this.from[this.count] = from;
    this.to[this.count] = to;
    this.kind[this.count] = kind;
    this.count++;
  }

  private grow(): void {
    const capacity = this.from.length * 2;
    const from = new Int32Array(capacity);
    from.set(this.from);
    const to = new Int32Array(capacity);
    to.set(this.to);
    const kind = new Uint8Array(capacity);
    kind.set(this.kind);
    this.from = from;
    this.to = to;
    this.kind = kind;
  }

  /** Sorts the edges by source (a counting sort) and merges parallel ones. */
  build(): DependencyGraph {
    const vertexCount = this.vertexCount;
    const starts = new Int32Array(vertexCount + 1);
    for (let edge = 0; edge < this.count; edge++) {
      const next = (this.from[edge] as number) + 1;
      starts[next] = (starts[next] as number) + 1;
    }
    for (let vertex = 0; vertex < vertexCount; vertex++)
      starts[vertex + 1] = (starts[vertex + 1] as number) + (starts[vertex] as number);
    const fill = starts.slice(0, vertexCount);
    const sortedTargets = new Int32Array(this.count);
    const sortedKinds = new Uint8Array(this.count);
    for (let edge = 0; edge < this.count; edge++) {
      const source = this.from[edge] as number;
      const slot = fill[source] as number;
      fill[source] = slot + 1;
      sortedTargets[slot] = this.to[edge] as number;
      sortedKinds[slot] = this.kind[edge] as number;
    }
    return mergeParallelEdges(vertexCount, starts, sortedTargets, sortedKinds);
  }
}

function mergeParallelEdges(
  vertexCount: number,
  starts: Int32Array,
  targets: Int32Array,
  kinds: Uint8Array,
): DependencyGraph {
  const offsets = new Int32Array(vertexCount + 1);
  // Where each target already sits in the current vertex's merged list (-1: not yet).
  const slotOf = new Int32Array(vertexCount).fill(-1);
  let written = 0;
  for (let vertex = 0; vertex < vertexCount; vertex++) {
    offsets[vertex] = written;
    const first = written;
    for (let edge = starts[vertex] as number; edge < (starts[vertex + 1] as number); edge++) {
      const target = targets[edge] as number;
      const slot = slotOf[target] as number;
      if (slot >= first) {
        kinds[slot] = (kinds[slot] as number) | (kinds[edge] as number);
        continue;
      }
      slotOf[target] = written;
      targets[written] = target;
      kinds[written] = kinds[edge] as number;
      written++;
    }
  }
  offsets[vertexCount] = written;
  return {
    vertexCount,
    offsets,
    targets: targets.slice(0, written),
    kinds: kinds.slice(0, written),
  };
}
