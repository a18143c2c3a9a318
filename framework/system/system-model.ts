import { rootAddress, type Address } from '../core/address.ts';
import { cloneState } from '../core/clone.ts';
import type { Fingerprint, Model } from '../search/model.ts';
import { describeValue } from '../sim/simulation-event.ts';
import type { NodeSystem} from './node-system.ts';
import { SearchHandlerError, type Transition } from './node-system.ts';
import type { SystemSearchSettings } from './system-search-settings.ts';
import { SystemState } from './system-state.ts';

/** Root nodes in one system, at most; timer events pack the node index below this. */
const NODES_MAX = 1024;
/** Pending timers per node, at most: a node that keeps setting timers without any firing is a bug. */
export const TIMER_QUEUE_MAX = 1024;

/** A `--checks` self-test failed: a handler or an encoding is not what search relies on. */
export class HandlerCheckError extends Error {
  override readonly name = 'HandlerCheckError';
}

/**
 * The node system as a search model. Events are numbers, so that paths and event lists
 * allocate nothing per event: a message delivery is its envelope id (≥ 0); a timer firing
 * is `-(1 + (timerId * TIMER_QUEUE_MAX + position) * NODES_MAX + nodeIndex)`.
 */
export class SystemModel implements Model<SystemState, number> {
  readonly system: NodeSystem;
  private readonly eventBuffer: number[] = [];
  private readonly deliverable: (0 | 1 | undefined)[] = [];
  private readonly inactiveNodes: Set<Address>;
  private readonly inactiveLinks: Set<string>;
  private readonly groupOf: Map<Address, number> | undefined;
  private readonly checked = new Set<string>();

  constructor(
    readonly initial: SystemState,
    readonly settings: SystemSearchSettings = {},
  ) {
    this.system = initial.system;
    if (this.system.addresses.length > NODES_MAX) throw new RangeError(`a searched system may have at most ${NODES_MAX} nodes`);
    this.inactiveNodes = new Set(settings.inactiveNodes ?? []);
    this.inactiveLinks = new Set((settings.inactiveLinks ?? []).map(([from, to]) => `${from}>${to}`));
    if (settings.partition !== undefined) {
      const groupOf = new Map<Address, number>();
      settings.partition.forEach((group, index) => group.forEach((member) => groupOf.set(member, index)));
      this.groupOf = groupOf;
    }
  }

  /** The same system with other restrictions (for the next phase of a test). */
  withSettings(settings: SystemSearchSettings, initial: SystemState = this.initial): SystemModel {
    return new SystemModel(initial, settings);
  }

  initialStates(): readonly SystemState[] {
    return [this.initial];
  }

  events(state: SystemState): readonly number[] {
    const events = this.eventBuffer;
    events.length = 0;
    if (this.settings.networkActive !== false) {
      const network = state.network;
      for (let index = 0; index < network.length; index++) {
        const envelopeId = network[index] as number;
        if (this.isDeliverable(envelopeId)) events.push(envelopeId);
      }
    }
    if (this.settings.deliverTimers !== false) this.pushTimerEvents(state, events);
    return events;
  }

  next(state: SystemState, event: number): SystemState {
    if (event >= 0) {
      const envelope = this.system.envelopes.value(event);
      const nodeIndex = envelope.target;
      const nodeId = state.nodeIds[nodeIndex];
      if (nodeId === undefined) throw new RangeError(`message to unknown node ${envelope.to}`);
      const transition = this.system.deliver(nodeId, event);
      if (transition.failed) throw this.handlerError(envelope.to, `handle${envelope.message.kind}`, this.describeEvent(event), transition.error);
      if (this.settings.checks === true) this.selfCheck(nodeId, event, transition);
      return this.apply(state, nodeIndex, transition, -1);
    }
    const { nodeIndex, timerId, position } = decodeTimerEvent(event);
    const nodeId = state.nodeIds[nodeIndex];
    if (nodeId === undefined) throw new RangeError(`timer event for unknown node index ${nodeIndex}`);
    const transition = this.system.fire(nodeId, timerId);
    const entry = this.system.timerEntries.value(timerId);
    if (transition.failed) throw this.handlerError(entry.owner, `on${entry.timer.kind}`, this.describeEvent(event), transition.error);
    if (this.settings.checks === true) this.selfCheck(nodeId, event, transition);
    return this.apply(state, nodeIndex, transition, position);
  }

  private readonly scratchFingerprint = { high: 0, low: 0 };

  fingerprint(state: SystemState): Fingerprint {
    this.scratchFingerprint.high = state.fingerprintHigh;
    this.scratchFingerprint.low = state.fingerprintLow;
    return this.scratchFingerprint;
  }

  describeEvent(event: number): string {
    if (event >= 0) {
      const envelope = this.system.envelopes.value(event);
      return `${envelope.from} -> ${envelope.to} ${describeValue(envelope.message)}`;
    }
    const entry = this.system.timerEntries.value(decodeTimerEvent(event).timerId);
    return `${entry.owner} timer ${describeValue(entry.timer)}`;
  }

  /** Whether an envelope may be delivered under these settings (cached per envelope). */
  private isDeliverable(envelopeId: number): boolean {
    const cached = this.deliverable[envelopeId];
    if (cached !== undefined) return cached === 1;
    const envelope = this.system.envelopes.value(envelopeId);
    const from = rootAddress(envelope.from);
    const to = rootAddress(envelope.to);
    const allowed =
      envelope.target >= 0 &&
      !this.inactiveNodes.has(to) &&
      !this.inactiveLinks.has(`${from}>${to}`) &&
      (this.groupOf === undefined || from === to || (this.groupOf.get(from) !== undefined && this.groupOf.get(from) === this.groupOf.get(to)));
    this.deliverable[envelopeId] = allowed ? 1 : 0;
    return allowed;
  }

  /**
   * A timer may fire before timers set earlier, unless one of those is sure to fire first:
   * an earlier timer whose longest duration is at most this one's shortest.
   */
  private pushTimerEvents(state: SystemState, events: number[]): void {
    const entries = this.system.timerEntries;
    for (let nodeIndex = 0; nodeIndex < state.timers.length; nodeIndex++) {
      const queue = state.timers[nodeIndex] as Int32Array;
      if (queue.length === 0 || this.inactiveNodes.has(this.system.addresses[nodeIndex] as Address)) continue;
      let earliestMaxMicros = Infinity;
      for (let position = 0; position < queue.length; position++) {
        const timerId = queue[position] as number;
        const entry = entries.value(timerId);
        if (earliestMaxMicros > entry.minMicros) events.push(encodeTimerEvent(nodeIndex, timerId, position));
        if (entry.maxMicros < earliestMaxMicros) earliestMaxMicros = entry.maxMicros;
      }
    }
  }

  private apply(state: SystemState, nodeIndex: number, transition: Transition, firedPosition: number): SystemState {
    const added = newEnvelopes(state.network, transition.sends);
    const nodeChanged = transition.nodeId !== state.nodeIds[nodeIndex];
    if (!nodeChanged && added === undefined && firedPosition < 0 && transition.timers.length === 0) return state;
    const queueLength = (state.timers[nodeIndex] as Int32Array).length - (firedPosition >= 0 ? 1 : 0) + transition.timers.length;
    if (queueLength > TIMER_QUEUE_MAX) {
      throw new HandlerCheckError(`${this.system.addresses[nodeIndex]} has more than ${TIMER_QUEUE_MAX} pending timers: a timer is set again without the old one firing`);
    }
    const hash = addHashes(this.system, state, added);
    return SystemState.successor(
      { parent: state, nodeIndex, nodeId: transition.nodeId, added, firedPosition, newTimers: transition.timers },
      hash.networkHashHigh,
      hash.networkHashLow,
    );
  }

  private handlerError(node: Address, handler: string, event: string, error: unknown): SearchHandlerError {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new SearchHandlerError(`${node} threw in ${handler} on ${event}: ${reason}`, node, error);
  }

  /**
   * The `--checks` self-tests, once per distinct transition: running the handler again gives
   * the same result (determinism), a copy of the new state encodes the same (stable
   * encoding), and delivering the same message again changes nothing (idempotence).
   */
  private selfCheck(nodeId: number, event: number, transition: Transition): void {
    const key = `${nodeId}:${event}`;
    if (this.checked.has(key)) return;
    this.checked.add(key);
    const description = this.describeEvent(event);
    const node = this.system.nodes.value(nodeId);
    const handler = event >= 0 ? `handle${this.system.envelopes.value(event).message.kind}` : `on${this.system.timerEntries.value(decodeTimerEvent(event).timerId).timer.kind}`;
    const where = `${node.address} ${handler} on ${description}`;
    const again = this.system.execute(nodeId, (copy) => {
      if (event >= 0) {
        const envelope = this.system.envelopes.value(event);
        copy.receiveMessage(envelope.to, envelope.message, envelope.from);
      } else {
        const entry = this.system.timerEntries.value(decodeTimerEvent(event).timerId);
        copy.receiveTimer(entry.owner, entry.timer);
      }
    });
    if (again.nodeId !== transition.nodeId || again.sends.join() !== transition.sends.join() || again.timers.join() !== transition.timers.join()) {
      throw new HandlerCheckError(`non-deterministic handler: ${where} gave a different result when run again from the same state`);
    }
    const result = this.system.nodes.value(transition.nodeId);
    if (this.system.internNode(cloneState(result)) !== transition.nodeId) {
      throw new HandlerCheckError(`unstable encoding: a copy of ${node.address}'s state after ${handler} encodes differently from the original`);
    }
    if (event >= 0) {
      const twice = this.system.deliver(transition.nodeId, event);
      if (!twice.failed && twice.nodeId !== transition.nodeId) {
        throw new HandlerCheckError(`non-idempotent handler: ${where} changes the node's state again when the same message is delivered twice`);
      }
    }
  }
}

function encodeTimerEvent(nodeIndex: number, timerId: number, position: number): number {
  return -(1 + (timerId * TIMER_QUEUE_MAX + position) * NODES_MAX + nodeIndex);
}

/** The node index, timer id and queue position packed in a timer event. */
export function decodeTimerEvent(event: number): { nodeIndex: number; timerId: number; position: number } {
  const packed = -event - 1;
  const nodeIndex = packed % NODES_MAX;
  const rest = (packed - nodeIndex) / NODES_MAX;
  const position = rest % TIMER_QUEUE_MAX;
  return { nodeIndex, timerId: (rest - position) / TIMER_QUEUE_MAX, position };
}

/** A network hash with the hashes of newly added envelopes added in. */
export function addHashes(
  system: NodeSystem,
  hash: { readonly networkHashHigh: number; readonly networkHashLow: number },
  added: readonly number[] | undefined,
): { networkHashHigh: number; networkHashLow: number } {
  let { networkHashHigh, networkHashLow } = hash;
  for (const envelopeId of added ?? []) {
    networkHashHigh = (networkHashHigh + (system.envelopes.hashHigh[envelopeId] as number)) >>> 0;
    networkHashLow = (networkHashLow + (system.envelopes.hashLow[envelopeId] as number)) >>> 0;
  }
  return { networkHashHigh, networkHashLow };
}

/** The sent envelopes not yet in the network, sorted and without repeats; undefined when there are none. */
export function newEnvelopes(network: Int32Array, sends: readonly number[]): number[] | undefined {
  let added: number[] | undefined;
  for (const envelopeId of sends) {
    if (contains(network, envelopeId) || added?.includes(envelopeId) === true) continue;
    (added ??= []).push(envelopeId);
  }
  return added?.sort((a, b) => a - b);
}

function contains(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = sorted[middle] as number;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
