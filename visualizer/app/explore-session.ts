import { decodeTimerEvent, replayPath, type SystemModel } from '../../framework/engine.ts';
import type { Predicate, SystemState } from '../../framework/testing.ts';
import {
  stateJson,
  type StepTimeline,
  type SystemFrame,
  SystemStepper,
  type TimelineStart,
  type TimelineStep,
} from '../../framework/trace/index.ts';
import { readableValue } from './value-format.ts';

/** One point of the explored history: the state after taking `event` from its parent. */
export interface HistoryNode {
  readonly id: number;
  readonly parent: HistoryNode | undefined;
  readonly event: number | undefined;
  readonly step: TimelineStep | undefined;
  readonly frame: SystemFrame;
  readonly children: HistoryNode[];
  /** The child taken most recently: where "next" goes from here. */
  lastChild: HistoryNode | undefined;
}

/** Whether a pending item can be taken now, and why not. */
export interface Availability {
  readonly enabled: boolean;
  readonly event: number | undefined;
  readonly reason?: string;
}

/** Steps explored at most in one session: a guard against a runaway script, far beyond clicking. */
const HISTORY_NODES_MAX = 100_000;

/**
 * Explore mode's model: a tree of states that a student grows by delivering messages and
 * firing timers. The current branch runs from the root to a tip; the position moves along
 * it, and taking an event anywhere on it starts (or revisits) a branch from there, so
 * another order can be tried without losing the first.
 */
export class ExploreSession {
  readonly root: HistoryNode;
  private readonly start: TimelineStart;
  private readonly stepper: SystemStepper;
  private readonly unrestricted: SystemModel;
  private tip: HistoryNode;
  private positionValue = 0;
  private nodeCount = 1;
  /** Ignore the test's delivery restrictions (partitions, inactive nodes, timers off). */
  override = false;

  constructor(
    readonly model: SystemModel,
    predicates: readonly Predicate<SystemState>[],
    initial: SystemState = model.initial,
  ) {
    this.stepper = new SystemStepper(model, predicates);
    this.unrestricted = model.withSettings({});
    const { frame, start } = this.stepper.startFrame(initial);
    this.start = start;
    this.root = {
      id: 0,
      parent: undefined,
      event: undefined,
      step: undefined,
      frame,
      children: [],
      lastChild: undefined,
    };
    this.tip = this.root;
  }

  /** Whether the model restricts delivery at all (so that overriding means something). */
  get restricted(): boolean {
    const settings = this.model.settings;
    return (
      settings.networkActive === false ||
      settings.deliverTimers === false ||
      (settings.inactiveNodes?.length ?? 0) > 0 ||
      (settings.inactiveLinks?.length ?? 0) > 0 ||
      settings.partition !== undefined
    );
  }

  get position(): number {
    return this.positionValue;
  }

  /** The nodes of the current branch, root first. */
  branch(): HistoryNode[] {
    const nodes: HistoryNode[] = [];
    for (let node: HistoryNode | undefined = this.tip; node !== undefined; node = node.parent)
      nodes.push(node);
    return nodes.reverse();
  }

  get current(): HistoryNode {
    return this.branch()[this.positionValue] ?? this.root;
  }

  /** Moves along the current branch. */
  moveTo(position: number): void {
    this.positionValue = Math.max(0, Math.min(this.branch().length - 1, position));
  }

  /**
   * Goes to a node anywhere in the tree; the branch then continues along the children last taken.
   */
  select(node: HistoryNode): void {
    let tip = node;
    while (tip.lastChild !== undefined) tip = tip.lastChild;
    this.tip = tip;
    this.positionValue = depthOf(node);
  }

  /** The current branch as a timeline, for the views. */
  timeline(): StepTimeline {
    const steps = this.branch().flatMap((node) => (node.step === undefined ? [] : [node.step]));
    return {
      title: 'explore',
      kind: 'search',
      lanes: this.stepper.lanes,
      start: this.start,
      steps,
      predicates: this.stepper.predicates.map((predicate) => ({
        name: predicate.name,
        kind: predicate.kind,
      })),
      messagesStay: true,
    };
  }

  /** Whether the item with this id can be delivered or fired at the current position. */
  availability(itemId: string): Availability {
    const frame = this.current.frame;
    if (this.current.step?.error !== undefined)
      return {
        enabled: false,
        event: undefined,
        reason: 'the handler threw at this step: go back to try another event',
      };
    const find = (model: SystemModel): number | undefined =>
      model.events(frame.state).find((event) => this.stepper.itemOf(frame, event) === itemId);
    const allowed = find(this.model);
    if (allowed !== undefined) return { enabled: true, event: allowed };
    const unrestricted = find(this.unrestricted);
    if (unrestricted === undefined) {
      return {
        enabled: false,
        event: undefined,
        reason: itemId.startsWith('t')
          ? 'an earlier timer of this node is sure to fire first'
          : 'no node receives this message',
      };
    }
    if (this.override) return { enabled: true, event: unrestricted };
    return {
      enabled: false,
      event: unrestricted,
      reason:
        "blocked by the test's delivery restrictions (partition, inactive node or timers off): tick “ignore the test's restrictions” to take it anyway",
    };
  }

  /**
   * Takes an item at the current position; returns the new node (an existing child if this event
   * was taken before).
   */
  take(itemId: string): HistoryNode {
    const { enabled, event, reason } = this.availability(itemId);
    if (!enabled || event === undefined)
      throw new Error(`cannot take ${itemId}: ${reason ?? 'not enabled'}`);
    return this.takeEvent(event);
  }

  /** Takes an event (a model event number) at the current position. */
  takeEvent(event: number): HistoryNode {
    const parent = this.current;
    return this.attach(event, () => this.stepper.step(parent.frame, event));
  }

  /**
   * Follows a recorded path from the current position, with the framework's one replay: model
   * events (an earlier phase's path) as they are, and described events (a trace's) matched among
   * the events enabled past the restrictions. Throws where the code no longer allows one.
   */
  follow(path: readonly (number | string)[]): void {
    const replay = replayPath(this.model, this.current.frame.state, path, [], {
      resolve: (recorded, state) =>
        typeof recorded === 'number'
          ? recorded
          : this.unrestricted
              .events(state)
              .find((candidate) => this.model.describeEvent(candidate) === recorded),
      onStep: (taken) => {
        const parent = this.current;
        const outcome = 'error' in taken ? { error: taken.error } : { next: taken.after };
        this.attach(taken.event, () => this.stepper.taken(parent.frame, taken.event, outcome));
      },
    });
    if (replay.outcome === 'diverged')
      throw new Error(
        `no enabled event is "${String(replay.event)}": the code no longer behaves as when the trace was saved`,
      );
  }

  /** Goes to the child of the current node by `event`, made by `take` if it is not there yet. */
  private attach(
    event: number,
    take: () => { frame: SystemFrame; step: TimelineStep },
  ): HistoryNode {
    const parent = this.current;
    let child = parent.children.find((existing) => existing.event === event);
    if (child === undefined) {
      if (this.nodeCount >= HISTORY_NODES_MAX)
        throw new RangeError(`more than ${HISTORY_NODES_MAX} explored steps`);
      const { frame, step } = take();
      child = {
        id: this.nodeCount++,
        parent,
        event,
        step,
        frame,
        children: [],
        lastChild: undefined,
      };
      parent.children.push(child);
    }
    parent.lastChild = child;
    this.select(child);
    this.positionValue = depthOf(child);
    return child;
  }

  /** A readable one-line description of the event that led to a node. */
  describe(node: HistoryNode): string {
    if (node.event === undefined || node.parent === undefined) return 'start';
    const system = this.model.system;
    if (node.event >= 0) {
      const envelope = system.envelopes.value(node.event);
      return `${envelope.from} → ${envelope.to}: ${readableValue(stateJson(envelope.message), 90)}`;
    }
    if (this.model.crashedNode(node.event) >= 0) return this.model.describeEvent(node.event);
    const entry = system.timerEntries.value(decodeTimerEvent(node.event).timerId);
    return `${entry.owner} timer: ${readableValue(stateJson(entry.timer), 90)}`;
  }

  /** Every node of the tree, depth first, with its depth. */
  nodes(): { node: HistoryNode; depth: number }[] {
    const result: { node: HistoryNode; depth: number }[] = [];
    const visit = (node: HistoryNode, depth: number): void => {
      result.push({ node, depth });
      for (const child of node.children) visit(child, depth + 1);
    };
    visit(this.root, 0);
    return result;
  }
}

function depthOf(node: HistoryNode): number {
  let depth = 0;
  for (let current = node.parent; current !== undefined; current = current.parent) depth++;
  return depth;
}
