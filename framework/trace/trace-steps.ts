import type { PredicateKind, PredicateVerdict } from '../search/predicate.ts';
import type { Trace } from './trace-file.ts';
import type { StateJson } from './state-json.ts';
import type { PatchOperation } from './state-patch.ts';

/**
 * Per-step snapshots that make a trace self-contained for the visualizer: what happened at
 * each step, the state of the node that handled it, the messages and timers that became
 * pending or stopped being pending, and each predicate's verdict. Stored in a trace's
 * optional `steps` field (search traces; a saved run trace has none, see test-trace.ts).
 *
 * Snapshots are deltas: a step lists only the nodes whose state changed and the pending
 * items added or removed, so that a 10,000-event run stays a few megabytes.
 */
export const TRACE_STEPS_VERSION = 1;

export interface TraceSteps {
  readonly version: number;
  /** One per simulation of a run test, or per search phase with a finding (or that failed). */
  readonly timelines: readonly StepTimeline[];
}

/** A trace that may carry steps. */
export type TraceWithSteps = Trace & { readonly steps?: TraceSteps };

/** A message in flight (or, in search, in the network) or a pending timer. */
export interface PendingItem {
  /** Unique within its timeline: `m…` for messages, `t…` for timers. */
  readonly id: string;
  readonly kind: 'message' | 'timer';
  /** The sender (messages only). */
  readonly from?: string;
  /** The receiver, or the timer's owner. */
  readonly to: string;
  /** The message or timer, as JSON. */
  readonly value: StateJson;
  /** A one-line description (its kind and fields); run timelines leave it to the value. */
  readonly label?: string;
  /** Run mode: when it is due, in simulated ms. */
  readonly dueMs?: number;
  /** Search mode, timers: the duration range it was set with, in ms. */
  readonly durationMs?: readonly [number, number];
  /** Run mode: the network delivers this copy a second time (a duplicate). */
  readonly duplicate?: boolean;
}

/** What kind of control action a `control` step is, for the diagram's marks. */
export type ControlAction =
  'crash' | 'restart' | 'add' | 'remove' | 'partition' | 'heal' | 'link' | 'network' | 'other';

/** What happened at one step. `item` names the pending item it consumed. */
export type StepEvent =
  | {
      readonly type: 'deliver';
      readonly item: string;
      readonly from: string;
      readonly to: string;
      readonly label: string;
      readonly timeMs?: number;
    }
  | {
      readonly type: 'timer';
      readonly item: string;
      readonly to: string;
      readonly label: string;
      readonly timeMs?: number;
    }
  | {
      readonly type: 'drop';
      readonly item: string;
      readonly from: string;
      readonly to: string;
      readonly label: string;
      readonly timeMs?: number;
    }
  | {
      readonly type: 'control';
      readonly action: ControlAction;
      /** The nodes it concerns: the node crashed or added, a link's two ends, a partition's. */
      readonly nodes: readonly string[];
      readonly label: string;
      readonly timeMs?: number;
      /** A partition's groups (explore mode restricts delivery by them). */
      readonly groups?: readonly (readonly string[])[];
      /** A link's new state: restored (true) or cut. */
      readonly active?: boolean;
    };

export interface TimelineStep {
  readonly event: StepEvent;
  /** The JSON state of each node that this step changed (usually only the receiver). */
  readonly states?: Readonly<Record<string, StateJson>>;
  /**
   * Nodes whose change is stored as a patch on their previous state instead (run timelines:
   * a client's long result list is not copied at every step). Every few snapshots of a node
   * are stored whole, so that no state is more than a few patches from a whole one.
   */
  readonly patches?: Readonly<Record<string, readonly PatchOperation[]>>;
  /** Items that became pending during this step (sent, set). */
  readonly added?: readonly PendingItem[];
  /** Items that stopped being pending (delivered, dropped, fired, discarded by a crash). */
  readonly removed?: readonly string[];
  /** Each predicate's verdict on the state after this step (search timelines). */
  readonly verdicts?: readonly PredicateVerdict[];
  /** The handler threw at this step: the error, and the state did not change. */
  readonly error?: string;
}

/** The state before the first step: every node after `init()`, and what init sent and set. */
export interface TimelineStart {
  readonly states: Readonly<Record<string, StateJson>>;
  readonly added: readonly PendingItem[];
  readonly verdicts?: readonly PredicateVerdict[];
}

export interface StepTimeline {
  readonly title: string;
  readonly kind: 'run' | 'search';
  /** One lane per root node, in the order the nodes were added. */
  readonly lanes: readonly string[];
  readonly start: TimelineStart;
  readonly steps: readonly TimelineStep[];
  readonly predicates: readonly { readonly name: string; readonly kind: PredicateKind }[];
  /**
   * Search semantics: delivering a message does not remove it from the network (it can be
   * delivered again), so items are never removed by deliveries.
   */
  readonly messagesStay: boolean;
  /** How the timeline ends: a violated invariant, a goal, a failed check, a handler exception. */
  readonly outcome?: { readonly text: string; readonly failed: boolean };
  /** The history checker's explanation of a linearizability violation, if there is one. */
  readonly explanation?: string;
  /** Recording stopped at the step limit: later steps are missing. */
  readonly truncated?: boolean;
  /** Search timelines: the index of the search phase in its test, to explore it again. */
  readonly phase?: number;
  /**
   * Run timelines: the index in `steps` of the step where the failing check's wrong result
   * was delivered, when the check says which it was ("go to violation" opens there).
   */
  readonly violationStep?: number;
}

/** Steps of one timeline, at most; a longer run is cut (and says so) rather than filling memory. */
export const STEPS_PER_TIMELINE_MAX = 200_000;

/**
 * The linearizability explanation inside a failure text, if any: the history checker's
 * report (`formatExplanation`) starts with a line `PARTITION: not linearizable.`.
 */
export function explanationIn(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\S.*: not linearizable\.$/.test(line.trim()));
  return start < 0 ? undefined : lines.slice(start).join('\n');
}
