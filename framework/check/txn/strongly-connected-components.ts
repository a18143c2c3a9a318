import type { DependencyGraph } from './dependency-graph.ts';

/** The strongly connected components of a graph restricted to some edge labels. */
export interface Components {
  /** The component of each vertex; -1 for a vertex left out of the search. */
  readonly componentOf: Int32Array;
  /** The number of vertices of each component. */
  readonly sizes: Int32Array;
  readonly count: number;
}

/**
 * Tarjan's algorithm, iterative (a history's graph can be a path of a million vertices,
 * far deeper than the call stack), over the edges carrying any label in `mask`, and only
 * the vertices `included` marks (all when absent). Components are numbered in the order
 * Tarjan completes them: if a path leads from component A to a different component B,
 * then B's number is smaller than A's.
 */
export function stronglyConnectedComponents(
  graph: DependencyGraph,
  mask: number,
  included?: Uint8Array,
): Components {
  const { vertexCount, offsets, targets, kinds } = graph;
  const order = new Int32Array(vertexCount).fill(-1);
  const low = new Int32Array(vertexCount);
  const componentOf = new Int32Array(vertexCount).fill(-1);
  const stack = new Int32Array(vertexCount);
  const callVertices = new Int32Array(vertexCount);
  const callEdges = new Int32Array(vertexCount);
  const sizes: number[] = [];
  let stackSize = 0;
  let visited = 0;
  let depth = 0;
  const enter = (vertex: number): void => {
    order[vertex] = visited;
    low[vertex] = visited;
    visited++;
    stack[stackSize++] = vertex;
    callVertices[depth] = vertex;
    callEdges[depth] = offsets[vertex] as number;
    depth++;
  };
  for (let root = 0; root < vertexCount; root++) {
    if (order[root] !== -1 || (included !== undefined && included[root] === 0)) continue;
    enter(root);
    while (depth > 0) {
      const vertex = callVertices[depth - 1] as number;
      const edge = callEdges[depth - 1] as number;
      if (edge < (offsets[vertex + 1] as number)) {
        callEdges[depth - 1] = edge + 1;
        if (((kinds[edge] as number) & mask) === 0) continue;
        const target = targets[edge] as number;
        if (included !== undefined && included[target] === 0) continue;
        if (order[target] === -1) enter(target);
        // On the stack exactly when it has an order but no component yet.
        else if (componentOf[target] === -1)
          low[vertex] = Math.min(low[vertex] as number, order[target] as number);
        continue;
      }
      depth--;
      if (low[vertex] === order[vertex]) {
        const component = sizes.length;
        let size = 0;
        for (;;) {
          const member = stack[--stackSize] as number;
          componentOf[member] = component;
          size++;
          if (member === vertex) break;
        }
        sizes.push(size);
      }
      if (depth > 0) {
        const parent = callVertices[depth - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[vertex] as number);
      }
    }
  }
  return { componentOf, sizes: Int32Array.from(sizes), count: sizes.length };
}
