import type { Predicate, PredicateVerdict } from '../search/predicate.ts';
import { describeValue } from '../sim/simulation-event.ts';
import { CRASH_RECORDS } from '../system/crash-restarts.ts';
import type { SystemModel } from '../system/system-model.ts';
import { decodeTimerEvent } from '../system/system-model.ts';
import type { SystemState } from '../system/system-state.ts';
import { stateJson, type StateJson } from './state-json.ts';
import type { PendingItem, StepEvent, TimelineStart, TimelineStep } from './trace-steps.ts';

/**
 * A node system's state as the visualizer follows it: the search state, plus an id for
 * each pending timer (a node's queue may hold the same timer twice, and each copy needs
 * its own identity to be drawn and clicked).
 */
export interface SystemFrame {
  readonly state: SystemState;
  /** Timer item ids per node index, parallel to `state.timers`. */
  readonly timerItems: readonly (readonly string[])[];
}

const MICROS_PER_MS = 1000;

/**
 * Turns search events on a {@link SystemModel} into timeline steps: used to replay a
 * finding's path for a trace, and by the visualizer's explore mode, one click at a time.
 */
export class SystemStepper {
  private nextTimerItem = 0;

  constructor(
    readonly model: SystemModel,
    readonly predicates: readonly Predicate<SystemState>[],
  ) {}

  get lanes(): readonly string[] {
    return this.model.system.addresses;
  }

  /**
   * The frame of a state reached some other way (an initial state): every node and pending item.
   */
  startFrame(state: SystemState): { frame: SystemFrame; start: TimelineStart } {
    const timerItems = state.timers.map((queue) => Array.from(queue, () => this.newTimerItem()));
    const frame = { state, timerItems };
    const states: Record<string, StateJson> = {};
    for (const address of this.lanes) states[address] = stateJson(state.node(address as never));
    const messages = Array.from(state.network).filter(
      (envelopeId) => !this.isCrashRecord(envelopeId),
    );
    const added = [
      ...messages.map((envelopeId) => this.messageItem(envelopeId)),
      ...this.timerItemsOf(
        frame,
        state.timers.map((queue) => queue.length),
      ),
    ];
    return { frame, start: { states, added, verdicts: this.verdicts(state) } };
  }

  /** The item id that an enabled event delivers or fires in this frame. */
  itemOf(frame: SystemFrame, event: number): string {
    if (event >= 0) return `m${event}`;
    const crashed = this.model.crashedNode(event);
    if (crashed >= 0) return `crash:${this.lanes[crashed]}`;
    const { nodeIndex, position } = decodeTimerEvent(event);
    const item = frame.timerItems[nodeIndex]?.[position];
    if (item === undefined)
      throw new RangeError(`no timer at position ${position} of node ${nodeIndex}`);
    return item;
  }

  /** Takes one event. A handler exception becomes a step with `error` and the same frame. */
  step(frame: SystemFrame, event: number): { frame: SystemFrame; step: TimelineStep } {
    let next: SystemState;
    try {
      next = this.model.next(frame.state, event);
    } catch (error) {
      return this.taken(frame, event, { error });
    }
    return this.taken(frame, event, { next });
  }

  /**
   * The step of an event already taken (by a replay): `next` is the state it led to, or `error`
   * what its handler threw.
   */
  taken(
    frame: SystemFrame,
    event: number,
    outcome: { readonly next: SystemState } | { readonly error: unknown },
  ): { frame: SystemFrame; step: TimelineStep } {
    const stepEvent = this.describe(frame, event);
    if (!('next' in outcome)) {
      const error = outcome.error;
      return {
        frame,
        step: {
          event: stepEvent,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        },
      };
    }
    const next = outcome.next;
    const previous = frame.state;
    const timerItems = frame.timerItems.map((items) => items.slice());
    const removed: string[] = [];
    let changedIndex: number;
    const crashed = this.model.crashedNode(event);
    if (event >= 0) {
      changedIndex = this.model.system.envelopes.value(event).target;
    } else if (crashed >= 0) {
      // A crash discards every pending timer of the node; its restart sets new ones.
      changedIndex = crashed;
      removed.push(...(timerItems[crashed] as string[]).splice(0));
    } else {
      const { nodeIndex, position } = decodeTimerEvent(event);
      changedIndex = nodeIndex;
      const [fired] = (timerItems[nodeIndex] as string[]).splice(position, 1);
      if (fired !== undefined) removed.push(fired);
    }
    const nextFrame = { state: next, timerItems };
    const newTimers =
      (next.timers[changedIndex]?.length ?? 0) - (timerItems[changedIndex]?.length ?? 0);
    const newTimerCounts = this.lanes.map((_, index) => (index === changedIndex ? newTimers : 0));
    const startPositions = timerItems.map((items) => items.length);
    for (let count = 0; count < newTimers; count++)
      (timerItems[changedIndex] as string[]).push(this.newTimerItem());
    const added = [
      ...this.addedMessages(previous, next),
      ...this.timerItemsOf(nextFrame, newTimerCounts, startPositions),
    ];
    const address = this.lanes[changedIndex] as string;
    const changed = previous.nodeIds[changedIndex] !== next.nodeIds[changedIndex];
    const step: TimelineStep = {
      event: stepEvent,
      ...(changed ? { states: { [address]: stateJson(next.node(address as never)) } } : {}),
      ...(added.length === 0 ? {} : { added }),
      ...(removed.length === 0 ? {} : { removed }),
      verdicts: this.verdicts(next),
    };
    return { frame: nextFrame, step };
  }

  /** Each predicate's verdict; a predicate that throws is reported as violated, with its error. */
  verdicts(state: SystemState): PredicateVerdict[] {
    return this.predicates.map((predicate) => {
      try {
        return predicate.test(state);
      } catch (error) {
        return `the predicate threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      }
    });
  }

  private describe(frame: SystemFrame, event: number): StepEvent {
    const label = this.model.describeEvent(event);
    const item = this.itemOf(frame, event);
    if (event >= 0) {
      const envelope = this.model.system.envelopes.value(event);
      return { type: 'deliver', item, from: envelope.from, to: envelope.to, label };
    }
    const entry = this.model.system.timerEntries.value(decodeTimerEvent(event).timerId);
    if (this.model.crashedNode(event) >= 0)
      return { type: 'control', action: 'crash', nodes: [entry.owner], label };
    return { type: 'timer', item, to: entry.owner, label };
  }

  private addedMessages(previous: SystemState, next: SystemState): PendingItem[] {
    if (previous.network === next.network) return [];
    const before = new Set(previous.network);
    const added: PendingItem[] = [];
    for (const envelopeId of next.network)
      if (!before.has(envelopeId) && !this.isCrashRecord(envelopeId))
        added.push(this.messageItem(envelopeId));
    return added;
  }

  /**
   * Whether an envelope is the search's record of a crash, not a message (see {@link
   * CRASH_RECORDS}).
   */
  private isCrashRecord(envelopeId: number): boolean {
    return this.model.system.envelopes.value(envelopeId).to === CRASH_RECORDS;
  }

  private messageItem(envelopeId: number): PendingItem {
    const envelope = this.model.system.envelopes.value(envelopeId);
    return {
      id: `m${envelopeId}`,
      kind: 'message',
      from: envelope.from,
      to: envelope.to,
      value: stateJson(envelope.message),
      label: describeValue(envelope.message),
    };
  }

  /**
   * Items for the last `counts[i]` timers of each node's queue (from `startPositions`, or the
   * queue's start).
   */
  private timerItemsOf(
    frame: SystemFrame,
    counts: readonly number[],
    startPositions?: readonly number[],
  ): PendingItem[] {
    const items: PendingItem[] = [];
    counts.forEach((count, nodeIndex) => {
      const queue = frame.state.timers[nodeIndex] as Int32Array;
      const first = startPositions === undefined ? 0 : (startPositions[nodeIndex] as number);
      for (let position = first; position < first + count; position++) {
        const entry = this.model.system.timerEntries.value(queue[position] as number);
        items.push({
          id: frame.timerItems[nodeIndex]?.[position] as string,
          kind: 'timer',
          to: entry.owner,
          value: stateJson(entry.timer),
          label: describeValue(entry.timer),
          durationMs: [entry.minMicros / MICROS_PER_MS, entry.maxMicros / MICROS_PER_MS],
        });
      }
    });
    return items;
  }

  private newTimerItem(): string {
    return `t${this.nextTimerItem++}`;
  }
}
