import { rootAddress, type Address } from '../core/address.ts';
import type { FailureLocation } from '../lab/check-failure.ts';
import type { Message, Timer } from '../core/message.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { ControlEvent } from '../sim/control-event.ts';
import { describeValue, type SimulationEvent } from '../sim/simulation-event.ts';
import { controlStep } from './control-step.ts';
import { stateJson, type StateJson } from './state-json.ts';
import { diffState, type PatchOperation } from './state-patch.ts';
import {
  STEPS_PER_TIMELINE_MAX,
  type PendingItem,
  type StepEvent,
  type StepTimeline,
} from './trace-steps.ts';

/** An entry of the simulation's event queue: a message in flight or a pending timer. */
interface QueueEntry {
  readonly type: 'message' | 'timer';
  readonly timeMicros: number;
  readonly sequence: number;
  readonly from?: string;
  readonly to: string;
  readonly message?: Message;
  readonly timer?: Timer;
}

type ConsumingEvent = Extract<SimulationEvent, { type: 'deliver' | 'drop' | 'timer' }>;

interface Tracked {
  readonly item: PendingItem;
  readonly entry: QueueEntry;
}

interface MutableStep {
  event: StepEvent;
  states?: Record<string, StateJson>;
  patches?: Record<string, PatchOperation[]>;
  added?: PendingItem[];
  removed?: string[];
}

const MICROS_PER_MS = 1000;
const START = -1;
/** A node's state is stored whole once in this many snapshots, and as a patch otherwise. */
const SNAPSHOTS_PER_WHOLE = 32;

/**
 * The simulation's pending events. The simulator keeps them in a private queue; reading it
 * is what lets the visualizer draw each message from its send to its delivery exactly
 * (even among identical retransmissions and duplicates) and list pending timers.
 */
function queueEntries(simulation: Simulation): readonly QueueEntry[] {
  return simulation.pendingEvents();
}

/**
 * Whether a logged event is a step of the run's timeline, when `steps` steps came before it:
 * sends are not (their message is drawn from the send to the delivery), and neither are the
 * additions of the nodes a run starts with (they are its start).
 */
export function isTimelineStep(event: SimulationEvent, steps: number): boolean {
  if (event.type === 'send') return false;
  return !(event.type === 'control' && event.action === 'add' && steps === 0);
}

/**
 * Records one simulation as a timeline, from the simulation's event callbacks: each logged
 * event is a step; after a delivered message or a fired timer, the receiving node's state
 * is snapshot (only when it changed). Pending messages and timers are followed by
 * comparing the simulator's queue before and after each event.
 */
export class RunTimelineBuilder {
  private readonly lanes: string[] = [];
  private readonly startStates: Record<string, StateJson> = {};
  private readonly startAdded: PendingItem[] = [];
  private readonly steps: MutableStep[] = [];
  private readonly tracked = new Map<number, Tracked>();
  private readonly lastSnapshot = new Map<string, { json: StateJson; sinceWhole: number }>();
  /**
   * Nodes rebuilt by a restart whose state must be snapshot at the next chance, with the step that
   * changed them.
   */
  private readonly dirty = new Map<string, number>();
  /** Queue sequences of timers that died with a crash: they vanish later without an event. */
  private readonly deadTimers = new Set<number>();
  private handlerStep = START;
  private nextItem = 0;
  private truncated = false;

  constructor(
    readonly simulation: Simulation,
    private readonly title: string,
  ) {}

  /** Called with each logged event (before the handler of a delivery or timer runs). */
  onEvent(event: SimulationEvent): void {
    if (event.type === 'send' || this.truncated) return;
    if (this.steps.length >= STEPS_PER_TIMELINE_MAX) {
      this.truncated = true;
      return;
    }
    if (event.type === 'control' && event.action === 'add') {
      this.nodeAdded(event.node, event.timeMicros / MICROS_PER_MS);
      return;
    }
    if (event.type === 'drop' && this.handlerStep !== START) {
      this.dropAtSend(event, this.handlerStep);
      return;
    }
    const vanished = this.sync(this.steps.length - 1);
    const timeMs = event.timeMicros / MICROS_PER_MS;
    switch (event.type) {
      case 'deliver':
      case 'timer': {
        const consumed = this.takeConsumed(vanished, event);
        const item = consumed ?? this.syntheticItem(event, this.steps.length - 1);
        const stepEvent: StepEvent =
          event.type === 'deliver'
            ? {
                type: 'deliver',
                item: item.id,
                from: event.from,
                to: event.to,
                label: describeValue(event.message),
                timeMs,
              }
            : {
                type: 'timer',
                item: item.id,
                to: event.to,
                label: describeValue(event.timer),
                timeMs,
              };
        this.pushStep(stepEvent, [item.id, ...this.discarded(vanished)]);
        this.handlerStep = this.steps.length - 1;
        return;
      }
      case 'drop': {
        const consumed =
          this.takeConsumed(vanished, event) ?? this.syntheticItem(event, this.steps.length - 1);
        this.pushStep(
          {
            type: 'drop',
            item: consumed.id,
            from: event.from,
            to: event.to,
            label: describeValue(event.message),
            timeMs,
          },
          [consumed.id, ...this.discarded(vanished)],
        );
        return;
      }
      case 'control':
        this.control(event, timeMs, vanished);
        return;
    }
  }

  /**
   * The messages in flight and the pending timers (of running nodes) now, each with when
   * it is due: what explore mode starts from at a step of a run.
   */
  pendingEntries(): readonly {
    readonly type: 'message' | 'timer';
    readonly from?: string;
    readonly to: string;
    readonly message?: Message;
    readonly timer?: Timer;
    readonly timeMicros: number;
  }[] {
    if (!this.truncated) {
      // What left the queue since the last event seen was taken by an event not seen yet
      // (the run was stopped at it): still pending.
      for (const tracked of this.sync(this.steps.length - 1))
        this.tracked.set(tracked.entry.sequence, tracked);
    }
    return [...this.tracked.values()]
      .map((tracked) => tracked.entry)
      .sort((a, b) => a.timeMicros - b.timeMicros || a.sequence - b.sequence);
  }

  /** The steps recorded so far. */
  get stepEvents(): readonly StepEvent[] {
    return this.steps.map((step) => step.event);
  }

  /** Called after a delivered message or a fired timer was handled. */
  afterEvent(event: SimulationEvent): void {
    if (
      this.truncated ||
      this.handlerStep === START ||
      (event.type !== 'deliver' && event.type !== 'timer')
    )
      return;
    const step = this.handlerStep;
    this.handlerStep = START;
    this.sync(step);
    this.snapshot(rootAddress(event.to), step);
  }

  /** The finished timeline. */
  timeline(
    outcome?: { text: string; failed: boolean },
    explanation?: string,
    failureAt?: FailureLocation,
  ): StepTimeline {
    if (!this.truncated) this.sync(this.steps.length - 1);
    const violationStep = failureAt === undefined ? undefined : this.deliveryStep(failureAt);
    return {
      title: this.title,
      kind: 'run',
      lanes: this.lanes,
      start: { states: this.startStates, added: this.startAdded },
      steps: this.steps,
      predicates: [],
      messagesStay: false,
      ...(outcome === undefined ? {} : { outcome }),
      ...(explanation === undefined ? {} : { explanation }),
      ...(this.truncated ? { truncated: true } : {}),
      ...(violationStep === undefined ? {} : { violationStep }),
    };
  }

  /** The last step delivering to the failure's client at its time: the wrong result's arrival. */
  private deliveryStep(at: FailureLocation): number | undefined {
    const timeMs = at.timeMicros / MICROS_PER_MS;
    for (let index = this.steps.length - 1; index >= 0; index--) {
      const event = this.steps[index]?.event;
      if (
        event?.type === 'deliver' &&
        rootAddress(event.to as Address) === at.client &&
        event.timeMs === timeMs
      )
        return index;
    }
    return undefined;
  }

  /**
   * Brings the record up to date with the simulation: new nodes, nodes to snapshot, and new
   * queue entries (attributed to step `attribution`). Returns the queue entries that left.
   */
  private sync(attribution: number): Tracked[] {
    for (const address of this.simulation.addresses()) {
      if (this.lanes.includes(address)) continue;
      this.lanes.push(address);
      this.snapshot(address, attribution);
    }
    for (const [address, step] of this.dirty) this.snapshot(address, step);
    this.dirty.clear();
    const entries = queueEntries(this.simulation);
    const present = new Set<number>();
    const fresh: QueueEntry[] = [];
    for (const entry of entries) {
      present.add(entry.sequence);
      if (!this.tracked.has(entry.sequence) && !this.deadTimers.has(entry.sequence))
        fresh.push(entry);
    }
    const vanished: Tracked[] = [];
    for (const [sequence, tracked] of this.tracked) {
      if (present.has(sequence)) continue;
      this.tracked.delete(sequence);
      vanished.push(tracked);
    }
    for (const sequence of this.deadTimers)
      if (!present.has(sequence)) this.deadTimers.delete(sequence);
    fresh.sort((a, b) => a.sequence - b.sequence);
    let previous: QueueEntry | undefined;
    for (const entry of fresh) {
      // A busy node's event waits its turn under a new sequence number: the same item. (A
      // new entry with the very same message object can only appear here this way: what
      // handlers send is seen right after each handler, when nothing has left the queue.)
      const requeued = vanished.findIndex((tracked) => sameContent(tracked.entry, entry));
      if (requeued >= 0) {
        const [tracked] = vanished.splice(requeued, 1);
        this.tracked.set(entry.sequence, { item: (tracked as Tracked).item, entry });
      } else {
        const duplicate =
          previous !== undefined &&
          this.simulation.network.duplicateRate > 0 &&
          previous.sequence === entry.sequence - 1 &&
          sameContent(previous, entry);
        const item = this.itemOf(entry, duplicate);
        this.tracked.set(entry.sequence, { item, entry });
        this.addItem(item, attribution);
      }
      previous = entry;
    }
    return vanished;
  }

  /**
   * The queue entry that the event took: the same message (or timer) object, to the same
   * node; among identical copies, the one popped last.
   */
  private takeConsumed(vanished: Tracked[], event: ConsumingEvent): PendingItem | undefined {
    let best = -1;
    vanished.forEach((tracked, index) => {
      const entry = tracked.entry;
      const matches =
        event.type === 'timer'
          ? entry.timer === event.timer && entry.to === event.to
          : entry.message === event.message && entry.to === event.to && entry.from === event.from;
      if (!matches) return;
      const current = best < 0 ? undefined : (vanished[best] as Tracked).entry;
      if (
        current === undefined ||
        entry.timeMicros > current.timeMicros ||
        (entry.timeMicros === current.timeMicros && entry.sequence > current.sequence)
      )
        best = index;
    });
    if (best < 0) return undefined;
    const [taken] = vanished.splice(best, 1);
    return (taken as Tracked).item;
  }

  /** Entries that left the queue without an event of their own: timers of a crashed incarnation. */
  private discarded(vanished: readonly Tracked[]): string[] {
    return vanished.map((tracked) => tracked.item.id);
  }

  private control(event: ControlEvent, timeMs: number, vanished: readonly Tracked[]): void {
    const removed = this.discarded(vanished);
    if (event.action === 'stop' || event.action === 'remove') {
      // Its pending timers will never fire: they leave now, not when the queue discards them.
      for (const [sequence, tracked] of this.tracked) {
        if (tracked.entry.type !== 'timer' || rootAddress(tracked.entry.to as never) !== event.node)
          continue;
        this.tracked.delete(sequence);
        this.deadTimers.add(sequence);
        removed.push(tracked.item.id);
      }
    }
    this.pushStep(controlStep(event, timeMs), removed);
    if (event.action === 'restart') this.dirty.set(event.node, this.steps.length - 1);
  }

  /**
   * A node added: its state is taken after its `init()`, at the next event. The nodes a run starts
   * with are the timeline's start, not steps.
   */
  private nodeAdded(node: Address, timeMs: number): void {
    if (!this.lanes.includes(node)) this.lanes.push(node);
    if (this.steps.length === 0) {
      this.dirty.set(node, START);
      return;
    }
    const vanished = this.sync(this.steps.length - 1);
    this.pushStep(
      { type: 'control', action: 'add', nodes: [node], label: `add ${node}`, timeMs },
      this.discarded(vanished),
    );
    this.dirty.set(node, this.steps.length - 1);
  }

  /**
   * A message lost as it was sent: it never entered the queue, so it is added and dropped at once.
   */
  private dropAtSend(event: Extract<SimulationEvent, { type: 'drop' }>, handlerStep: number): void {
    const item = this.syntheticItem(event, handlerStep);
    this.pushStep(
      {
        type: 'drop',
        item: item.id,
        from: event.from,
        to: event.to,
        label: describeValue(event.message),
        timeMs: event.timeMicros / MICROS_PER_MS,
      },
      [item.id],
    );
  }

  /** An item for an event whose queue entry was never seen (a message dropped as it was sent). */
  private syntheticItem(event: ConsumingEvent, attribution: number): PendingItem {
    const item: PendingItem =
      event.type === 'timer'
        ? { id: `t${this.nextItem++}`, kind: 'timer', to: event.to, value: stateJson(event.timer) }
        : {
            id: `m${this.nextItem++}`,
            kind: 'message',
            from: event.from,
            to: event.to,
            value: stateJson(event.message),
            ...(event.type === 'deliver' ? { dueMs: event.timeMicros / MICROS_PER_MS } : {}),
          };
    this.addItem(item, attribution);
    return item;
  }

  private itemOf(entry: QueueEntry, duplicate: boolean): PendingItem {
    const dueMs = entry.timeMicros / MICROS_PER_MS;
    if (entry.type === 'timer')
      return {
        id: `t${this.nextItem++}`,
        kind: 'timer',
        to: entry.to,
        value: stateJson(entry.timer),
        dueMs,
      };
    return {
      id: `m${this.nextItem++}`,
      kind: 'message',
      from: entry.from,
      to: entry.to,
      value: stateJson(entry.message),
      dueMs,
      ...(duplicate ? { duplicate: true } : {}),
    };
  }

  private addItem(item: PendingItem, attribution: number): void {
    if (attribution === START) this.startAdded.push(item);
    else ((this.steps[attribution] as MutableStep).added ??= []).push(item);
  }

  private pushStep(event: StepEvent, removed: readonly string[]): void {
    this.steps.push({ event, ...(removed.length === 0 ? {} : { removed: [...removed] }) });
  }

  /** Records a node's state at a step when it differs from its last recorded state. */
  private snapshot(address: string, step: number): void {
    let json: StateJson;
    try {
      json = stateJson(this.simulation.node(address as never));
    } catch {
      return; // removed
    }
    const last = this.lastSnapshot.get(address);
    const patch = last === undefined ? undefined : diffState(last.json, json);
    if (patch?.length === 0) return;
    if (step === START) {
      this.startStates[address] = json;
      this.lastSnapshot.set(address, { json, sinceWhole: 0 });
    } else if (
      patch === undefined ||
      (last as { sinceWhole: number }).sinceWhole >= SNAPSHOTS_PER_WHOLE
    ) {
      ((this.steps[step] as MutableStep).states ??= {})[address] = json;
      this.lastSnapshot.set(address, { json, sinceWhole: 0 });
    } else {
      ((this.steps[step] as MutableStep).patches ??= {})[address] = patch;
      this.lastSnapshot.set(address, {
        json,
        sinceWhole: (last as { sinceWhole: number }).sinceWhole + 1,
      });
    }
  }
}

function sameContent(a: QueueEntry, b: QueueEntry): boolean {
  return (
    a.type === b.type &&
    a.to === b.to &&
    a.from === b.from &&
    a.message === b.message &&
    a.timer === b.timer
  );
}
