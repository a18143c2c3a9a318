import type { CycleAnomalyType, CycleShape, CycleVariant } from './anomaly-types.ts';
import { PROCESS, REALTIME, RW, WR } from './dependency-graph.ts';
import type { CycleStep } from './path-finder.ts';

/**
 * The anomaly a cycle is, from its edges alone: its shape from the data edges (no rw: G0
 * or, with a wr edge, G1c; one rw: G-single; several, never two in a row, counting around
 * the cycle: G-nonadjacent; otherwise G2-item), and its variant from the session edges it
 * needs (any real-time edge: `-realtime`; else any process edge: `-process`).
 */
export function classifyCycle(cycle: readonly CycleStep[]): CycleAnomalyType {
  let readWrites = 0;
  let adjacentReadWrites = false;
  let writeReads = 0;
  let variant: CycleVariant = '';
  cycle.forEach((step, index) => {
    if (step.kind === RW) {
      readWrites++;
      const previous = cycle[(index + cycle.length - 1) % cycle.length] as CycleStep;
      if (previous.kind === RW) adjacentReadWrites = true;
    } else if (step.kind === WR) writeReads++;
    else if (step.kind === REALTIME) variant = '-realtime';
    else if (step.kind === PROCESS && variant === '') variant = '-process';
  });
  return `${shapeOf(readWrites, adjacentReadWrites, writeReads)}${variant}`;
}

function shapeOf(readWrites: number, adjacent: boolean, writeReads: number): CycleShape {
  if (readWrites === 0) return writeReads === 0 ? 'G0' : 'G1c';
  if (readWrites === 1) return 'G-single';
  return adjacent ? 'G2-item' : 'G-nonadjacent';
}
