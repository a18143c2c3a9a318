/**
 * The anomalies the checker reports, with Adya's and Elle's names.
 *
 * Cycle anomalies are cycles in the dependency graph, told apart by their edges: G0 (write
 * cycle: only ww edges), G1c (circular information flow: ww and wr edges, at least one wr),
 * G-single (exactly one rw edge: read skew), G-nonadjacent (several rw edges, no two
 * adjacent), G2-item (anti-dependency cycle with adjacent rw edges: write skew). A cycle
 * that needs a process (session) edge is the `-process` variant, one that needs a
 * real-time edge the `-realtime` variant.
 *
 * The others are found by looking at operations: G1a (aborted read: a committed
 * transaction saw a failed one's write), G1b (intermediate read: it saw a write that its
 * writer later overwrote), internal (a transaction's read disagrees with its own earlier
 * reads and writes), dirty-update (a committed write applied on top of a failed one),
 * duplicate-elements (a list-append read lists one element twice), incompatible-order
 * (the reads of a key cannot come from a single order of its versions) and lost-update
 * (two committed transactions read the same version of a key and both wrote it).
 */
export const CYCLE_SHAPES = ['G0', 'G1c', 'G-single', 'G-nonadjacent', 'G2-item'] as const;
export type CycleShape = (typeof CYCLE_SHAPES)[number];

/** The session orders a cycle may also use. */
export type CycleVariant = '' | '-process' | '-realtime';

export type CycleAnomalyType = `${CycleShape}${CycleVariant}`;

export const OPERATION_ANOMALY_TYPES = [
  'G1a',
  'G1b',
  'internal',
  'dirty-update',
  'duplicate-elements',
  'incompatible-order',
  'lost-update',
] as const;
export type OperationAnomalyType = (typeof OPERATION_ANOMALY_TYPES)[number];

export type AnomalyType = CycleAnomalyType | OperationAnomalyType;

/** The cycle anomaly types, plain ones first, then process, then real-time variants. */
export const CYCLE_ANOMALY_TYPES: readonly CycleAnomalyType[] = (
  ['', '-process', '-realtime'] as const
).flatMap((variant) => CYCLE_SHAPES.map((shape): CycleAnomalyType => `${shape}${variant}`));

/** Every anomaly type, in the order reports list them. */
export const ANOMALY_TYPES: readonly AnomalyType[] = [
  ...OPERATION_ANOMALY_TYPES.slice(0, 2),
  ...CYCLE_ANOMALY_TYPES,
  ...OPERATION_ANOMALY_TYPES.slice(2),
];
