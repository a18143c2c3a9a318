import type { PredicateVerdict } from '../../framework/testing.ts';
import {
  applyPatch,
  type PatchOperation,
  type PendingItem,
  type StateJson,
  type StepEvent,
  type StepTimeline,
} from '../../framework/trace/index.ts';

/**
 * Positions: position 0 is the start (every node after `init()`), position p ≥ 1 is the
 * state after step p (the timeline's `steps[p - 1]`). The diagram draws position p on row p.
 */

/** A message drawn from its send to its delivery (or its drop). */
export interface Arrow {
  readonly item: string;
  readonly fromLane: number;
  readonly toLane: number;
  readonly startRow: number;
  readonly endRow: number;
  readonly kind: 'deliver' | 'duplicate' | 'drop';
}

/** A mark on one lane (a timer firing, a crash, …) or across all lanes (a partition). */
export interface Mark {
  readonly row: number;
  /** -1: across every lane. */
  readonly lane: number;
  readonly kind:
    | 'timer'
    | 'crash'
    | 'restart'
    | 'add'
    | 'remove'
    | 'partition'
    | 'heal'
    | 'link-cut'
    | 'link-restore'
    | 'network'
    | 'other'
    | 'error';
  readonly label: string;
  /** A link's mark: the lane of its receiving end (`lane` is the sender's). */
  readonly toLane?: number;
}

/**
 * One pending item at a position, with how often it was delivered so far (search: messages stay).
 */
export interface PendingView {
  readonly item: PendingItem;
  readonly addedAt: number;
  readonly deliveries: number;
}

const CHECKPOINT_INTERVAL = 256;
/** Rebuilt states kept per node (stepping back and forth reuses them). */
const STATES_CACHED_MAX = 64;

/** A snapshot stored as a patch on the node's previous one. */
class Patch {
  constructor(readonly operations: readonly PatchOperation[]) {}
}
const BUCKET_ROWS = 64;

/**
 * Everything the views ask of a timeline, precomputed once in O(steps): node states at any
 * position by binary search over each node's snapshots, pending items from checkpoints,
 * and the arrows and marks of the space-time diagram bucketed by rows, so that drawing the
 * visible rows of a 10,000-step trace touches only what is visible.
 */
export class TimelineIndex {
  readonly rows: number;
  private readonly laneByAddress = new Map<string, number>();
  /** Per node: the positions of its snapshots, each a whole state or a patch on the one before. */
  private readonly snapshots = new Map<
    string,
    { positions: number[]; records: (StateJson | Patch)[]; cache: Map<number, StateJson> }
  >();
  private readonly items = new Map<string, { item: PendingItem; addedAt: number }>();
  private readonly checkpoints: string[][] = [];
  private readonly deliveredAt = new Map<string, number[]>();
  readonly arrows: Arrow[] = [];
  readonly marks: Mark[] = [];
  private readonly arrowBuckets: number[][] = [];
  private readonly markBuckets: number[][] = [];

  constructor(readonly timeline: StepTimeline) {
    this.rows = timeline.steps.length + 1;
    timeline.lanes.forEach((lane, index) => this.laneByAddress.set(lane, index));
    this.indexStates();
    this.indexItems();
    this.indexDiagram();
  }

  get lanes(): readonly string[] {
    return this.timeline.lanes;
  }

  /** The lane of an address (sub-addresses are drawn on their root's lane), or -1. */
  laneOf(address: string): number {
    const root = address.split('/')[0] ?? address;
    return this.laneByAddress.get(root) ?? -1;
  }

  /** The event of step `position` (undefined at the start). */
  eventAt(position: number): StepEvent | undefined {
    return this.timeline.steps[position - 1]?.event;
  }

  errorAt(position: number): string | undefined {
    return this.timeline.steps[position - 1]?.error;
  }

  /** A node's state at a position (its latest snapshot at or before it). */
  stateAt(address: string, position: number): StateJson | undefined {
    const record = this.snapshots.get(address);
    if (record === undefined) return undefined;
    const index = lastAtOrBefore(record.positions, position);
    return index < 0 ? undefined : this.rebuild(record, index);
  }

  /** Every node's state at a position, by lane; nodes with no state yet are left out. */
  statesAt(position: number): Map<string, StateJson> {
    const states = new Map<string, StateJson>();
    for (const lane of this.lanes) {
      const state = this.stateAt(lane, position);
      if (state !== undefined) states.set(lane, state);
    }
    return states;
  }

  /**
   * The state of snapshot `index`: its whole state, or the patches applied since the last whole
   * one.
   */
  private rebuild(
    record: { records: (StateJson | Patch)[]; cache: Map<number, StateJson> },
    index: number,
  ): StateJson {
    const cached = record.cache.get(index);
    if (cached !== undefined) return cached;
    const entry = record.records[index] as StateJson | Patch;
    if (!(entry instanceof Patch)) return entry;
    const state = applyPatch(
      index === 0 ? null : this.rebuild(record, index - 1),
      entry.operations,
    );
    if (record.cache.size >= STATES_CACHED_MAX)
      record.cache.delete(record.cache.keys().next().value as number);
    record.cache.set(index, state);
    return state;
  }

  /** Nodes whose state this position's step changed. */
  changedAt(position: number): string[] {
    const step = this.timeline.steps[position - 1];
    if (position === 0 || step === undefined) return [];
    return [...Object.keys(step.states ?? {}), ...Object.keys(step.patches ?? {})];
  }

  /** Each predicate's verdict at a position (undefined when the timeline has none). */
  verdictsAt(position: number): readonly PredicateVerdict[] | undefined {
    return position === 0
      ? this.timeline.start.verdicts
      : this.timeline.steps[position - 1]?.verdicts;
  }

  item(id: string): PendingItem | undefined {
    return this.items.get(id)?.item;
  }

  /** The position at which an item became pending. */
  addedAt(id: string): number {
    return this.items.get(id)?.addedAt ?? 0;
  }

  /** The items pending after `position`, in the order they became pending. */
  pendingAt(position: number): PendingView[] {
    const checkpoint = Math.floor(position / CHECKPOINT_INTERVAL);
    const live = new Set(this.checkpoints[checkpoint] ?? []);
    for (let p = checkpoint * CHECKPOINT_INTERVAL + 1; p <= position; p++)
      applyStep(live, this.timeline, p);
    return [...live].map((id) => {
      const record = this.items.get(id) as { item: PendingItem; addedAt: number };
      return {
        item: record.item,
        addedAt: record.addedAt,
        deliveries: this.deliveriesUpTo(id, position),
      };
    });
  }

  /** How many times an item was delivered at or before a position. */
  deliveriesUpTo(id: string, position: number): number {
    const positions = this.deliveredAt.get(id);
    return positions === undefined ? 0 : lastAtOrBefore(positions, position) + 1;
  }

  /**
   * The first position where an invariant is violated, a step threw, or (a run) the wrong
   * result was delivered; else the last one if the timeline failed.
   */
  violationPosition(): number | undefined {
    // Position p shows the state after step p - 1.
    if (
      this.timeline.violationStep !== undefined &&
      this.timeline.violationStep < this.timeline.steps.length
    )
      return this.timeline.violationStep + 1;
    const kinds = this.timeline.predicates.map((predicate) => predicate.kind);
    for (let position = 0; position < this.rows; position++) {
      if (this.errorAt(position) !== undefined) return position;
      const verdicts = this.verdictsAt(position);
      if (
        verdicts?.some((verdict, index) => kinds[index] === 'invariant' && verdict !== true) ===
        true
      )
        return position;
    }
    return this.timeline.outcome?.failed === true ? this.rows - 1 : undefined;
  }

  /** Arrows that cross rows [first, last]. */
  arrowsIn(first: number, last: number): Arrow[] {
    return collect(
      this.arrowBuckets,
      this.arrows,
      first,
      last,
      (arrow) => arrow.startRow <= last && arrow.endRow >= first,
    );
  }

  /** Marks on rows [first, last]. */
  marksIn(first: number, last: number): Mark[] {
    return collect(
      this.markBuckets,
      this.marks,
      first,
      last,
      (mark) => mark.row >= first && mark.row <= last,
    );
  }

  private indexStates(): void {
    const record = (address: string, position: number, state: StateJson | Patch): void => {
      let entry = this.snapshots.get(address);
      if (entry === undefined)
        this.snapshots.set(address, (entry = { positions: [], records: [], cache: new Map() }));
      entry.positions.push(position);
      entry.records.push(state);
    };
    for (const [address, state] of Object.entries(this.timeline.start.states))
      record(address, 0, state);
    this.timeline.steps.forEach((step, index) => {
      for (const [address, state] of Object.entries(step.states ?? {}))
        record(address, index + 1, state);
      for (const [address, operations] of Object.entries(step.patches ?? {}))
        record(address, index + 1, new Patch(operations));
    });
  }

  private indexItems(): void {
    const live = new Set<string>();
    for (const item of this.timeline.start.added) {
      this.items.set(item.id, { item, addedAt: 0 });
      live.add(item.id);
    }
    this.checkpoints.push([...live]);
    this.timeline.steps.forEach((step, index) => {
      const position = index + 1;
      for (const item of step.added ?? []) this.items.set(item.id, { item, addedAt: position });
      if (step.event.type === 'deliver') {
        let positions = this.deliveredAt.get(step.event.item);
        if (positions === undefined) this.deliveredAt.set(step.event.item, (positions = []));
        positions.push(position);
      }
      applyStep(live, this.timeline, position);
      if (position % CHECKPOINT_INTERVAL === 0) this.checkpoints.push([...live]);
    });
  }

  private indexDiagram(): void {
    this.timeline.steps.forEach((step, index) => {
      const row = index + 1;
      const event = step.event;
      if (step.error !== undefined)
        this.addMark({
          row,
          lane: this.laneOf(event.type === 'control' ? (event.nodes[0] ?? '') : event.to),
          kind: 'error',
          label: step.error,
        });
      switch (event.type) {
        case 'deliver':
        case 'drop': {
          const item = this.items.get(event.item);
          const startRow = item?.addedAt ?? row;
          const duplicate =
            event.type === 'deliver' &&
            (item?.item.duplicate === true || this.deliveriesUpTo(event.item, row) > 1);
          this.addArrow({
            item: event.item,
            fromLane: this.laneOf(event.from),
            toLane: this.laneOf(event.to),
            startRow,
            endRow: row,
            kind: event.type === 'drop' ? 'drop' : duplicate ? 'duplicate' : 'deliver',
          });
          break;
        }
        case 'timer':
          this.addMark({ row, lane: this.laneOf(event.to), kind: 'timer', label: event.label });
          break;
        case 'control':
          if (
            event.action === 'partition' ||
            event.action === 'heal' ||
            event.action === 'network' ||
            (event.action === 'other' && event.nodes.length === 0)
          ) {
            this.addMark({ row, lane: -1, kind: event.action, label: event.label });
          } else if (event.action === 'link') {
            const [from = '', to = ''] = event.nodes;
            this.addMark({
              row,
              lane: this.laneOf(from),
              toLane: this.laneOf(to),
              kind: event.active === true ? 'link-restore' : 'link-cut',
              label: event.label,
            });
          } else {
            for (const node of event.nodes)
              this.addMark({
                row,
                lane: this.laneOf(node),
                kind: event.action,
                label: event.label,
              });
          }
          break;
      }
    });
  }

  private addArrow(arrow: Arrow): void {
    const index = this.arrows.push(arrow) - 1;
    for (
      let bucket = Math.floor(arrow.startRow / BUCKET_ROWS);
      bucket <= Math.floor(arrow.endRow / BUCKET_ROWS);
      bucket++
    )
      (this.arrowBuckets[bucket] ??= []).push(index);
  }

  private addMark(mark: Mark): void {
    const index = this.marks.push(mark) - 1;
    (this.markBuckets[Math.floor(mark.row / BUCKET_ROWS)] ??= []).push(index);
  }
}

function applyStep(live: Set<string>, timeline: StepTimeline, position: number): void {
  const step = timeline.steps[position - 1];
  if (step === undefined) return;
  for (const item of step.added ?? []) live.add(item.id);
  for (const id of step.removed ?? []) live.delete(id);
}

/** The index of the last element ≤ value in an ascending list, or -1. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function collect<T>(
  buckets: readonly (readonly number[] | undefined)[],
  all: readonly T[],
  first: number,
  last: number,
  keep: (value: T) => boolean,
): T[] {
  const seen = new Set<number>();
  const result: T[] = [];
  for (
    let bucket = Math.floor(Math.max(0, first) / BUCKET_ROWS);
    bucket <= Math.floor(last / BUCKET_ROWS);
    bucket++
  ) {
    for (const index of buckets[bucket] ?? []) {
      if (seen.has(index)) continue;
      seen.add(index);
      const value = all[index] as T;
      if (keep(value)) result.push(value);
    }
  }
  return result;
}
