import { rootAddress, type Address } from '../core/address.ts';
import { cloneState } from '../core/clone.ts';
import { Connectivity } from '../core/connectivity.ts';
import { encode } from '../core/encoding.ts';
import { HandlerError } from '../core/handler-error.ts';
import { messageHandlerName, timerHandlerName } from '../core/node.ts';
import type { Fingerprint } from '../search/model.ts';
import type { ModelAsKind, ModelKind } from '../search/model-kind.ts';
import type { Predicate } from '../search/predicate.ts';
import type { PackableModel, StatePacking } from '../search/state-packing.ts';
import { describeValue } from '../sim/simulation-event.ts';
import {
  EMPTY_SEQUENCE,
  type NodeSystem,
  type SystemMark,
  type Transition,
} from './node-system.ts';
import { CrashRestarts } from './crash-restarts.ts';
import type { SystemSearchSettings } from './system-search-settings.ts';
import { SystemState } from './system-state.ts';

/** Root nodes in one system, at most; timer events pack the node index below this. */
const NODES_BITS = 10;
const NODES_MAX = 2 ** NODES_BITS;
/**
 * Pending timers per node, at most: a node that keeps setting timers without any firing is a bug.
 */
const TIMER_QUEUE_BITS = 10;
export const TIMER_QUEUE_MAX = 2 ** TIMER_QUEUE_BITS;
const INT32_MAX = 2 ** 31 - 1;
/**
 * `--checks` transitions remembered as checked; past this it starts over (checking again is only
 * slower).
 */
const CHECKED_TRANSITIONS_MAX = 1 << 20;

/** A `--checks` self-test failed: a handler or an encoding is not what search relies on. */
export class HandlerCheckError extends Error {
  override readonly name = 'HandlerCheckError';
}

/**
 * The kind of the node system's models, for {@link SystemModel.asKind}: tools that draw nodes,
 * messages and timers (traces, the visualizer) ask a model for it.
 */
export const NODE_SYSTEM: ModelKind<SystemModel, SystemState, number> = { name: 'node system' };

/**
 * The node system as a search model. Events are numbers, so that paths and event lists
 * allocate nothing per event: a message delivery is its envelope id (≥ 0); a timer firing
 * is `-(1 + (timerId * TIMER_QUEUE_MAX + position) * NODES_MAX + nodeIndex)`, and a crash
 * the same with the node's crash entry as timer (see {@link CrashRestarts}).
 */
export class SystemModel implements PackableModel<SystemState, number> {
  readonly system: NodeSystem;
  /**
   * The model's {@link StatePacking}: a state packs into its 3 + 2n words, and breadth-first
   * search makes its successors in one reused transient state.
   */
  readonly packing: StatePacking<SystemState, number>;
  private readonly eventScratch: number[] = [];
  /** Per event count, the array `events` returns with that many events. */
  private readonly eventBuffers: number[][] = [];
  private readonly deliverable: (0 | 1 | undefined)[] = [];
  /** Per node index: 1 if the node's timers do not fire (it is inactive, or its timers are off). */
  private readonly timersOff: Uint8Array;
  /** Per queue id: the timer events it enables, and the node index they were encoded for. */
  private readonly timerEventsByQueue: (readonly number[] | undefined)[] = [];
  private readonly timerEventsNode: number[] = [];
  /** The state {@link events} was last asked about, and the list it gave (in its buffer). */
  private lastEventsState: SystemState | undefined;
  private lastEvents: readonly number[] = [];
  /** The successor {@link packing} makes, again and again. */
  private readonly transient: SystemState;
  private readonly inactiveNodes: Set<Address>;
  /** The partition and cut links of the settings. */
  private readonly links: Connectivity;
  private readonly checked = new Set<string>();
  /** The system's {@link NodeSystem.epoch} the caches above (keyed by ids) were filled in. */
  private cacheEpoch: number;
  /** With crashes in the settings: the crash events, and the node indexes that may crash. */
  private readonly crashes: CrashRestarts | undefined;
  private readonly crashable: readonly number[] = [];

  constructor(
    readonly initial: SystemState,
    readonly settings: SystemSearchSettings = {},
  ) {
    const system = initial.system;
    this.system = system;
    this.cacheEpoch = system.epoch;
    this.transient = SystemState.transient(system);
    this.packing = {
      packedWords: SystemState.packedWords(system),
      pack: (state, words, offset) => state.packInto(words, offset),
      unpack: (words, offset) => SystemState.unpacked(system, words, offset),
      nextTransient: (state, event) => this.step(state, event, state !== this.transient),
    };
    if (this.system.addresses.length > NODES_MAX)
      throw new RangeError(`a searched system may have at most ${NODES_MAX} nodes`);
    this.inactiveNodes = new Set(settings.inactiveNodes ?? []);
    const timersOff = new Set([...this.inactiveNodes, ...(settings.timersOff ?? [])]);
    this.timersOff = Uint8Array.from(this.system.addresses, (address) =>
      timersOff.has(address) ? 1 : 0,
    );
    this.links = Connectivity.of(settings);
    if (settings.crashes !== undefined) {
      const { nodes, max } = settings.crashes;
      if (!(Number.isSafeInteger(max) && max >= 0))
        throw new RangeError(`a crash budget must be a non-negative integer, not ${max}`);
      const indexes = nodes.map((address) => {
        const index = system.indexOf(address);
        if (index < 0) throw new RangeError(`cannot crash ${address}: there is no such node`);
        return index;
      });
      this.crashes = new CrashRestarts(system, new Set(indexes), max);
      this.crashable = indexes.filter(
        (index) => !this.inactiveNodes.has(system.addresses[index] as Address),
      );
    }
  }

  /** The same system with other restrictions (for the next phase of a test). */
  withSettings(settings: SystemSearchSettings, initial: SystemState = this.initial): SystemModel {
    return new SystemModel(initial, settings);
  }

  /** The same system with the `--checks` self-tests on; undefined when they are on already. */
  withChecks(): SystemModel | undefined {
    if (this.settings.checks === true) return undefined;
    return this.withSettings({ ...this.settings, checks: true });
  }

  /** This model as a {@link NODE_SYSTEM}: its states, events and predicates are already its own. */
  asKind<KindModel, KindState, KindEvent>(
    kind: ModelKind<KindModel, KindState, KindEvent>,
  ): ModelAsKind<SystemState, number, KindModel, KindState, KindEvent> | undefined {
    if (kind !== (NODE_SYSTEM as object)) return undefined;
    const asNodeSystem: ModelAsKind<SystemState, number, SystemModel, SystemState, number> = {
      model: this,
      state: (state) => state,
      event: (event) => event,
      predicates: (predicates: readonly Predicate<SystemState>[]) => predicates,
    };
    // `kind` is NODE_SYSTEM, whose types are these: the one place that knows it.
    return asNodeSystem as unknown as ModelAsKind<
      SystemState,
      number,
      KindModel,
      KindState,
      KindEvent
    >;
  }

  initialStates(): readonly SystemState[] {
    return [this.initial];
  }

  events(state: SystemState): readonly number[] {
    if (this.system.epoch !== this.cacheEpoch) this.dropCaches();
    // A random probe asks again for the events of a state an event left unchanged (a stale
    // message, mostly): the list made last is still in its buffer. Not for the transient state,
    // which is another state each time.
    if (state === this.lastEventsState) return this.lastEvents;
    // Filled in a scratch array that never shrinks, then copied into the buffer kept for
    // that many events: emptying an array gives its storage up, and refilling it allocates.
    const scratch = this.eventScratch;
    let count = 0;
    const system = this.system;
    if (this.settings.networkActive !== false) {
      const networks = system.networks;
      const networkId = state.networkId;
      const data = networks.data;
      const start = networks.start(networkId);
      const end = start + networks.length(networkId);
      const deliverable = this.deliverable;
      for (let at = start; at < end; at++) {
        const envelopeId = data[at]!;
        const allowed = deliverable[envelopeId] ?? this.cacheDeliverable(envelopeId);
        if (allowed === 1) scratch[count++] = envelopeId;
      }
    }
    if (this.settings.deliverTimers !== false) {
      const nodeCount = system.addresses.length;
      for (let nodeIndex = 0; nodeIndex < nodeCount; nodeIndex++) {
        const queueId = state.queueIdAt(nodeIndex);
        if (queueId === EMPTY_SEQUENCE || this.timersOff[nodeIndex] === 1) continue;
        const timerEvents = this.timerEventsOf(nodeIndex, queueId);
        for (let at = 0; at < timerEvents.length; at++) scratch[count++] = timerEvents[at]!;
      }
    }
    const crashes = this.crashes;
    if (crashes !== undefined && crashes.used(state.networkId) < crashes.max) {
      for (const nodeIndex of this.crashable)
        scratch[count++] = encodeTimerEvent(nodeIndex, crashes.timerIds[nodeIndex]!, 0);
    }
    const buffers = this.eventBuffers;
    while (buffers.length <= count) buffers.push(Array.from({ length: buffers.length }, () => 0));
    const events = buffers[count]!;
    for (let at = 0; at < count; at++) events[at] = scratch[at]!;
    this.lastEventsState = state === this.transient ? undefined : state;
    this.lastEvents = events;
    return events;
  }

  next(state: SystemState, event: number): SystemState {
    return this.step(state, event, false);
  }

  private step(state: SystemState, event: number, transient: boolean): SystemState {
    const system = this.system;
    if (system.epoch !== this.cacheEpoch) this.dropCaches();
    if (event >= 0) {
      const envelope = system.envelopes.value(event);
      const nodeIndex = envelope.target;
      if (nodeIndex < 0 || nodeIndex >= system.addresses.length)
        throw new RangeError(`message to unknown node ${envelope.to}`);
      const nodeId = state.nodeIdAt(nodeIndex);
      const transition = system.deliver(nodeId, event);
      if (transition.failed)
        throw this.handlerError(
          envelope.to,
          messageHandlerName(envelope.message.kind),
          this.describeEvent(event),
          transition.error,
        );
      if (this.settings.checks === true) this.selfCheck(nodeId, event, transition);
      return this.apply(state, nodeIndex, nodeId, transition, -1, transient);
    }
    // decodeTimerEvent, without the object, and in int32 arithmetic while the event is an
    // int32 (fractional-looking numbers passed to a call would each be boxed).
    const packed = -event - 1;
    let nodeIndex: number;
    let position: number;
    let timerId: number;
    if (packed <= INT32_MAX) {
      nodeIndex = packed & (NODES_MAX - 1);
      position = (packed >>> NODES_BITS) & (TIMER_QUEUE_MAX - 1);
      timerId = packed >>> (NODES_BITS + TIMER_QUEUE_BITS);
    } else {
      ({ nodeIndex, position, timerId } = decodeTimerEvent(event));
    }
    if (nodeIndex >= system.addresses.length)
      throw new RangeError(`timer event for unknown node index ${nodeIndex}`);
    if (this.crashes?.isCrash(nodeIndex, timerId) === true)
      return this.crashAndRestart(state, nodeIndex, this.crashes, transient);
    const nodeId = state.nodeIdAt(nodeIndex);
    const transition = system.fire(nodeId, timerId);
    if (transition.failed) {
      const entry = system.timerEntries.value(timerId);
      throw this.handlerError(
        entry.owner,
        timerHandlerName(entry.timer.kind),
        this.describeEvent(event),
        transition.error,
      );
    }
    if (this.settings.checks === true) this.selfCheck(nodeId, event, transition);
    return this.apply(state, nodeIndex, nodeId, transition, position, transient);
  }

  private readonly scratchFingerprint = { high: 0, low: 0 };

  fingerprint(state: SystemState): Fingerprint {
    this.scratchFingerprint.high = state.fingerprintHigh;
    this.scratchFingerprint.low = state.fingerprintLow;
    return this.scratchFingerprint;
  }

  /** The node system's tables and memos (see {@link NodeSystem.sizeBytesEstimate}). */
  sizeBytesEstimate(): number {
    return this.system.sizeBytesEstimate;
  }

  /** What the node system's tables hold now (see {@link NodeSystem.mark}). */
  mark(): SystemMark {
    return this.system.mark();
  }

  /**
   * Forgets what the node system interned since `mark` (see {@link NodeSystem.forgetSince}),
   * and this model's caches keyed by its ids.
   */
  forgetSince(mark: object): void {
    this.system.forgetSince(mark as SystemMark);
    this.dropCaches();
  }

  /** Drops the caches keyed by ids of an epoch of the system before its current one. */
  private dropCaches(): void {
    this.deliverable.length = 0;
    this.timerEventsByQueue.length = 0;
    this.timerEventsNode.length = 0;
    this.checked.clear();
    this.crashes?.clear();
    this.lastEventsState = undefined;
    this.cacheEpoch = this.system.epoch;
  }

  /** Events are ids within this system: the same event is the same number. */
  sameEvent(recorded: number, enabled: number): boolean {
    return recorded === enabled;
  }

  /** The system's root nodes, and those a key of {@link eventKey} names. */
  readonly nodeNames = {
    all: (): readonly string[] => [...this.system.addresses].sort(),
    inKey: eventKeyNodes,
  };

  /** The message's full canonical encoding (or the timer's, with its queue position). */
  eventKey(event: number): string {
    if (event >= 0) {
      const { from, to, message } = this.system.envelopes.value(event);
      return `message ${from} ${to} ${encode(message)}`;
    }
    const { timerId, position } = decodeTimerEvent(event);
    const { owner, minMicros, maxMicros, timer } = this.system.timerEntries.value(timerId);
    if (this.crashedNode(event) >= 0) return `crash ${owner}`;
    return `timer ${owner} ${position} ${minMicros} ${maxMicros} ${encode(timer)}`;
  }

  /** The index of the node a crash event crashes, or -1 for a delivery or a timer. */
  crashedNode(event: number): number {
    if (event >= 0) return -1;
    const { nodeIndex, timerId } = decodeTimerEvent(event);
    // Only crash events have negative durations (see CrashRestarts).
    return this.system.timerEntries.value(timerId).minMicros < 0 ? nodeIndex : -1;
  }

  describeEvent(event: number): string {
    if (event >= 0) {
      const envelope = this.system.envelopes.value(event);
      return `${envelope.from} -> ${envelope.to} ${describeValue(envelope.message)}`;
    }
    const entry = this.system.timerEntries.value(decodeTimerEvent(event).timerId);
    if (this.crashedNode(event) >= 0) return `${entry.owner} crashes and restarts`;
    return `${entry.owner} timer ${describeValue(entry.timer)}`;
  }

  /**
   * Whether an envelope may be delivered under these settings, cached per envelope: 1 if so, else
   * 0.
   */
  private cacheDeliverable(envelopeId: number): 0 | 1 {
    const envelope = this.system.envelopes.value(envelopeId);
    const from = rootAddress(envelope.from);
    const to = rootAddress(envelope.to);
    const allowed =
      envelope.target >= 0 && !this.inactiveNodes.has(to) && this.links.allows(from, to);
    const deliverable = this.deliverable;
    while (deliverable.length <= envelopeId) deliverable.push(undefined);
    return (deliverable[envelopeId] = allowed ? 1 : 0);
  }

  /**
   * The timer events enabled by a node's queue, cached per queue. A timer may fire before
   * timers set earlier, unless one of those is sure to fire first: an earlier timer whose
   * longest duration is at most this one's shortest.
   */
  private timerEventsOf(nodeIndex: number, queueId: number): readonly number[] {
    const cached = this.timerEventsByQueue[queueId];
    // A queue's timers name their owner, so a queue belongs to one node, but the cache does not
    // rely on it.
    if (cached !== undefined && this.timerEventsNode[queueId] === nodeIndex) return cached;
    const entries = this.system.timerEntries;
    const queues = this.system.queues;
    const timerEvents: number[] = [];
    let earliestMaxMicros = Infinity;
    for (let position = 0; position < queues.length(queueId); position++) {
      const timerId = queues.at(queueId, position);
      const entry = entries.value(timerId);
      if (earliestMaxMicros > entry.minMicros)
        timerEvents.push(encodeTimerEvent(nodeIndex, timerId, position));
      if (entry.maxMicros < earliestMaxMicros) earliestMaxMicros = entry.maxMicros;
    }
    while (this.timerEventsByQueue.length <= queueId) {
      this.timerEventsByQueue.push(undefined);
      this.timerEventsNode.push(-1);
    }
    this.timerEventsByQueue[queueId] = timerEvents;
    this.timerEventsNode[queueId] = nodeIndex;
    return timerEvents;
  }

  /**
   * The state after node `nodeIndex` (in state `nodeId`) went through `transition`, with the
   * timer at `firedPosition` (if ≥ 0) gone from its queue: `state` itself if nothing changed,
   * and else a new state or, if `transient`, the model's one transient state.
   * Every step is a lookup in a memo of interned ids, so a self-loop allocates nothing.
   */
  private apply(
    state: SystemState,
    nodeIndex: number,
    nodeId: number,
    transition: Transition,
    firedPosition: number,
    transient: boolean,
  ): SystemState {
    const system = this.system;
    const networkId = state.networkId;
    const nextNetworkId = system.union(networkId, transition.sendSet);
    const queueId = state.queueIdAt(nodeIndex);
    let nextQueueId = firedPosition >= 0 ? system.withoutTimer(queueId, firedPosition) : queueId;
    if (transition.timerQueue !== EMPTY_SEQUENCE) {
      if (system.queues.length(nextQueueId) + transition.timers.length > TIMER_QUEUE_MAX) {
        throw new HandlerCheckError(
          `${system.addresses[nodeIndex]} has more than ${TIMER_QUEUE_MAX} pending timers: a timer is set again without the old one firing`,
        );
      }
      nextQueueId = system.withTimers(nextQueueId, transition.timerQueue);
    }
    if (transition.nodeId === nodeId && nextNetworkId === networkId && nextQueueId === queueId)
      return state;
    return transient
      ? this.transient.transientSuccessor(
          state,
          nodeIndex,
          transition.nodeId,
          nextQueueId,
          nextNetworkId,
        )
      : SystemState.successor(state, nodeIndex, transition.nodeId, nextQueueId, nextNetworkId);
  }

  /** The state after node `nodeIndex` crashed and restarted: see {@link CrashRestarts}. */
  private crashAndRestart(
    state: SystemState,
    nodeIndex: number,
    crashes: CrashRestarts,
    transient: boolean,
  ): SystemState {
    const system = this.system;
    const address = system.addresses[nodeIndex] as Address;
    const transition = crashes.restart(nodeIndex, state.nodeIdAt(nodeIndex));
    if (transition.failed)
      throw this.handlerError(address, 'init', `a restart of ${address}`, transition.error);
    const networkId = state.networkId;
    const withSends = system.union(networkId, transition.sendSet);
    const nextNetworkId = system.union(
      withSends,
      crashes.recordSet(address, crashes.used(networkId) + 1),
    );
    return transient
      ? this.transient.transientSuccessor(
          state,
          nodeIndex,
          transition.nodeId,
          transition.timerQueue,
          nextNetworkId,
        )
      : SystemState.successor(
          state,
          nodeIndex,
          transition.nodeId,
          transition.timerQueue,
          nextNetworkId,
        );
  }

  private handlerError(
    node: Address,
    handler: string,
    event: string,
    cause: unknown,
  ): HandlerError {
    return new HandlerError({ mode: 'search', node, handler, event, cause });
  }

  /**
   * The `--checks` self-tests, once per distinct transition: running the handler again gives
   * the same result (determinism), a copy of the new state encodes the same (stable
   * encoding), and delivering the same message again changes nothing (idempotence).
   */
  private selfCheck(nodeId: number, event: number, transition: Transition): void {
    const key = `${nodeId}:${event}`;
    if (this.checked.has(key)) return;
    if (this.checked.size >= CHECKED_TRANSITIONS_MAX) this.checked.clear();
    this.checked.add(key);
    const description = this.describeEvent(event);
    const node = this.system.nodes.value(nodeId);
    const handler =
      event >= 0
        ? messageHandlerName(this.system.envelopes.value(event).message.kind)
        : timerHandlerName(
            this.system.timerEntries.value(decodeTimerEvent(event).timerId).timer.kind,
          );
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
    if (
      again.nodeId !== transition.nodeId ||
      again.sends.join() !== transition.sends.join() ||
      again.timers.join() !== transition.timers.join()
    ) {
      throw new HandlerCheckError(
        `non-deterministic handler: ${where} gave a different result when run again from the same state`,
      );
    }
    const result = this.system.nodes.value(transition.nodeId);
    if (this.system.internNode(cloneState(result)) !== transition.nodeId) {
      throw new HandlerCheckError(
        `unstable encoding: a copy of ${node.address}'s state after ${handler} encodes differently from the original`,
      );
    }
    if (event >= 0) {
      const twice = this.system.deliver(transition.nodeId, event);
      if (!twice.failed && twice.nodeId !== transition.nodeId) {
        throw new HandlerCheckError(
          `non-idempotent handler: ${where} changes the node's state again when the same message is delivered twice`,
        );
      }
    }
  }
}

function encodeTimerEvent(nodeIndex: number, timerId: number, position: number): number {
  return -(1 + (timerId * TIMER_QUEUE_MAX + position) * NODES_MAX + nodeIndex);
}

/** The node index, timer id and queue position packed in a timer event. */
export function decodeTimerEvent(event: number): {
  nodeIndex: number;
  timerId: number;
  position: number;
} {
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

/**
 * The sent envelopes not yet in the network, sorted and without repeats; undefined when there are
 * none.
 */
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

/**
 * The root nodes a key of {@link SystemModel.eventKey} names (a message's sender and receiver,
 * a timer's or a crash's node), or undefined for a text that is no such key.
 */
function eventKeyNodes(key: string): readonly string[] | undefined {
  const [kind, first, second] = key.split(' ', 3);
  const named =
    kind === 'message' ? [first, second] : kind === 'timer' || kind === 'crash' ? [first] : [];
  if (named.length === 0 || !named.every((name) => name !== undefined && name.length > 0))
    return undefined;
  return (named as string[]).map((name) => rootAddress(name as Address));
}
