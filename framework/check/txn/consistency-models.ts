import { CYCLE_SHAPES, type AnomalyType, type CycleAnomalyType } from './anomaly-types.ts';

/** The consistency models a history can be checked against, weakest first. */
export const CONSISTENCY_MODELS = [
  'read-committed',
  'repeatable-read',
  'snapshot-isolation',
  'serializable',
  'strict-serializable',
] as const;
export type ConsistencyModel = (typeof CONSISTENCY_MODELS)[number];

/** The model checked when none is named. */
export const DEFAULT_MODEL: ConsistencyModel = 'strict-serializable';

/** The models each model implies (directly): a history satisfying it satisfies them. */
const IMPLIES: Record<ConsistencyModel, readonly ConsistencyModel[]> = {
  'read-committed': [],
  'repeatable-read': ['read-committed'],
  'snapshot-isolation': ['read-committed'],
  serializable: ['repeatable-read', 'snapshot-isolation'],
  'strict-serializable': ['serializable'],
};

const variants = (suffix: '-process' | '-realtime'): CycleAnomalyType[] =>
  CYCLE_SHAPES.map((shape): CycleAnomalyType => `${shape}${suffix}`);

/**
 * The anomalies each model forbids beyond the models it implies, after Elle's table
 * (elle.consistency-model), with its implications between anomalies already applied:
 * read committed is Adya's PL-2 (no G1, hence no G0 and nothing that implies an aborted
 * read: a dirty update or incompatible orders; duplicate elements and impossible version
 * orders are ruled out even by PL-1). Repeatable read adds G2-item, and with it G-single
 * and G-nonadjacent (every anti-dependency here is on an item), and lost updates.
 * Snapshot isolation adds internal consistency, G-single and G-nonadjacent (Cerone and
 * Gotsman: its cycles need two adjacent rw edges), and lost updates. Serializable
 * forbids them all, and strict serializable also the cycles through session and
 * real-time order.
 */
const FORBIDS_DIRECTLY: Record<ConsistencyModel, readonly AnomalyType[]> = {
  'read-committed': [
    'G0',
    'G1a',
    'G1b',
    'G1c',
    'dirty-update',
    'incompatible-order',
    'duplicate-elements',
  ],
  'repeatable-read': ['G-single', 'G-nonadjacent', 'G2-item', 'lost-update'],
  'snapshot-isolation': ['internal', 'G-single', 'G-nonadjacent', 'lost-update'],
  serializable: ['internal', 'G2-item'],
  'strict-serializable': [...variants('-process'), ...variants('-realtime')],
};

/** Every model `model` implies, itself included. */
export function impliedModels(model: ConsistencyModel): Set<ConsistencyModel> {
  const result = new Set<ConsistencyModel>([model]);
  for (const weaker of IMPLIES[model])
    for (const implied of impliedModels(weaker)) result.add(implied);
  return result;
}

/** Every anomaly a history satisfying `model` cannot contain. */
export function anomaliesForbiddenBy(model: ConsistencyModel): Set<AnomalyType> {
  const result = new Set<AnomalyType>();
  for (const implied of impliedModels(model))
    for (const anomaly of FORBIDS_DIRECTLY[implied]) result.add(anomaly);
  return result;
}

/** Which models a set of anomalies rules out: the weakest ones, and the stronger rest. */
export interface ModelBoundary {
  /** The weakest models violated (none of them implies another). */
  readonly not: readonly ConsistencyModel[];
  /** The stronger models that fall with them. */
  readonly alsoNot: readonly ConsistencyModel[];
}

/** The models the anomalies found rule out, as Elle's verdict names them. */
export function modelBoundary(anomalies: Iterable<AnomalyType>): ModelBoundary {
  const found = new Set(anomalies);
  const impossible = CONSISTENCY_MODELS.filter((model) =>
    [...anomaliesForbiddenBy(model)].some((anomaly) => found.has(anomaly)),
  );
  const not = impossible.filter(
    (model) => !impossible.some((other) => other !== model && impliedModels(model).has(other)),
  );
  return { not, alsoNot: impossible.filter((model) => !not.includes(model)) };
}
