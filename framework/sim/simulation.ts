import { rootAddress, type Address } from '../core/address.ts';
import { keepPersistentFields } from '../core/clone.ts';
import { Connectivity, type ConnectivitySettings } from '../core/connectivity.ts';
import type { ClientNode } from '../core/client.ts';
import { ClientWorker } from '../core/client-worker.ts';
import { HandlerError } from '../core/handler-error.ts';
import { enterEffects, leaveEffects, type EffectSink, type HistoryEvent } from '../core/effects.ts';
import type { Message, Timer } from '../core/message.ts';
import { messageHandlerName, timerHandlerName, type Node } from '../core/node.ts';
import { seededRandom, type RandomSource } from '../core/random.ts';
import type { Workload } from '../core/workload.ts';
import type { NodeControlAction } from './control-event.ts';
import { EventQueue } from './event-queue.ts';
import {
  MessageCountTable,
  type MessageCounts,
  type MutableMessageCounts,
} from './message-counts.ts';
import { InvalidSettingsError, networkSettings, type NetworkSettings } from './network-settings.ts';
import { describeValue, type SimulationEvent } from './simulation-event.ts';

const MICROS_PER_MS = 1000;
/** A run that schedules this many events without finishing is stuck in a loop. */
const EVENTS_PER_RUN_MAX = 200_000_000;

/**
 * A message in flight or a timer not yet fired: what the simulation will process, at
 * `timeMicros`, in `sequence` order among equal times.
 */
export type PendingEvent =
  | {
      readonly type: 'message';
      readonly timeMicros: number;
      readonly sequence: number;
      readonly from: Address;
      readonly to: Address;
      readonly message: Message;
    }
  | {
      readonly type: 'timer';
      readonly timeMicros: number;
      readonly sequence: number;
      readonly to: Address;
      readonly timer: Timer;
      readonly incarnation: number;
    };
type Pending = PendingEvent;

interface NodeSlot {
  node: Node;
  /** Its message counts (kept by address: a node re-added there goes on counting). */
  readonly counts: MutableMessageCounts;
  readonly factory: () => Node;
  active: boolean;
  /** With a service time: when the node finishes the event it is processing. */
  busyUntilMicros: number;
  /**
   * With a service time: the events that arrived while the node was busy, in order of arrival.
   * Only the first is in the simulation's queue (due when the node is free): the rest wait here,
   * so that an event never overtakes one that arrived before it, and a long wait costs one
   * queue operation per event, not one per event per service time.
   */
  readonly waiting: Pending[];
  /** Bumped by each restart, so that timers set before a crash never fire after it. */
  incarnation: number;
}

/** Options of a simulation. */
export interface SimulationOptions {
  readonly seed: number;
  /**
   * Which stream of the seed this simulation draws from (default `simulation`): a test's
   * simulations share its seed and differ here, so that none repeats another's draws.
   */
  readonly stream?: string;
  readonly network?: Partial<NetworkSettings>;
  /** Keep the list of every event (for traces and replay); off by default, for speed. */
  readonly recordEvents?: boolean;
  /** Called with each event as it happens (the CLI's --log-level). */
  readonly onEvent?: (event: SimulationEvent) => void;
  /**
   * Processing cost of every event at every node, in ms (default 0). A node handles one
   * event at a time: events that arrive while it is busy wait their turn, and what a
   * handler sends leaves when its processing ends. This is what makes a busy leader
   * saturate in throughput benchmarks.
   */
  readonly serviceTimeMs?: number;
  /**
   * Called after each delivered message or fired timer has been handled (for snapshots: the
   * visualizer).
   */
  readonly afterEvent?: (event: SimulationEvent, simulation: Simulation) => void;
}

/**
 * Run mode: the nodes on a simulated network, in simulated time, with every random choice
 * (latency, drops, duplicates, timer durations) drawn from one seeded generator. The same
 * seed and the same calls give the same execution, event for event.
 */
export class Simulation {
  readonly seed: number;
  /** The stream of the seed this simulation draws from (see {@link SimulationOptions.stream}). */
  readonly stream: string;
  private settings: NetworkSettings;
  private readonly random: RandomSource;
  private readonly queue = new EventQueue<Pending>();
  private readonly slots = new Map<Address, NodeSlot>();
  /** The partition and cut links in force. */
  private readonly links = new Connectivity();
  private readonly counts = new MessageCountTable();
  /** The node whose handler runs: the sender of what is sent. */
  private running: NodeSlot | undefined;
  private sequence = 0;
  /**
   * Incarnations are numbered across the whole run, so that a node re-added at a removed address
   * gets none of its predecessor's timers.
   */
  private incarnations = 0;
  private now = 0;
  private eventCount = 0;
  private readonly recordEvents: boolean;
  private readonly onEvent: ((event: SimulationEvent) => void) | undefined;
  private readonly afterEvent:
    ((event: SimulationEvent, simulation: Simulation) => void) | undefined;
  /** Every event, when recording. */
  readonly events: SimulationEvent[] = [];
  /** Every invocation and response of the client workers, with simulated times. */
  readonly history: HistoryEvent[] = [];
  private readonly sink: EffectSink;
  private readonly serviceMicros: number;
  /** When the effects of the running handler take place: now, plus the service time. */
  private effectTime = 0;

  constructor(options: SimulationOptions) {
    this.seed = options.seed;
    this.stream = options.stream ?? 'simulation';
    this.settings = networkSettings(options.network);
    this.random = seededRandom(options.seed, this.stream);
    this.recordEvents = options.recordEvents ?? false;
    this.onEvent = options.onEvent;
    this.afterEvent = options.afterEvent;
    const serviceTimeMs = options.serviceTimeMs ?? 0;
    if (!(serviceTimeMs >= 0 && Number.isFinite(serviceTimeMs)))
      throw new InvalidSettingsError(`service time ${serviceTimeMs} ms is invalid`);
    this.serviceMicros = Math.round(serviceTimeMs * MICROS_PER_MS);
    this.sink = {
      send: (from, to, message) => this.transmit(from, to, message),
      setTimer: (owner, timer, minMicros, maxMicros) =>
        this.schedule(owner, timer, minMicros, maxMicros),
      nowMicros: () => this.now,
      recordHistory: (entry) => this.history.push(entry),
    };
  }

  /** Simulated time now, in milliseconds. */
  get nowMs(): number {
    return this.now / MICROS_PER_MS;
  }

  /** Events (deliveries and timers) processed so far. */
  get processedEvents(): number {
    return this.eventCount;
  }

  get network(): NetworkSettings {
    return this.settings;
  }

  /** Changes the network's latency, delivery or duplicate rate from now on. */
  setNetwork(overrides: Partial<NetworkSettings>): void {
    this.settings = networkSettings({ ...this.settings, ...overrides });
    this.log({ type: 'control', timeMicros: this.now, action: 'network', network: overrides });
  }

  /** Adds a node and starts it (runs `init()`). The factory is kept to rebuild it on restart. */
  addNode(address: Address, factory: () => Node): Node {
    if (this.slots.has(address)) throw new Error(`a node ${address} already exists`);
    const node = factory();
    if (node.address !== address)
      throw new Error(`the factory for ${address} built a node with address ${node.address}`);
    this.slots.set(address, {
      node,
      counts: this.counts.of(address),
      factory,
      active: true,
      busyUntilMicros: 0,
      waiting: [],
      incarnation: ++this.incarnations,
    });
    this.logNode('add', address);
    this.initialize(node);
    return node;
  }

  /** Adds a client driven by a workload; the worker starts submitting at once. */
  addClientWorker(address: Address, factory: () => ClientNode, workload: Workload): ClientWorker {
    return this.addNode(
      address,
      () => new ClientWorker(factory(), workload, this.seed, `${this.stream}/workload`),
    ) as ClientWorker;
  }

  /** Removes a node for good; messages and timers for it are dropped. */
  removeNode(address: Address): void {
    this.slot(address);
    this.slots.delete(address);
    this.logNode('remove', address);
  }

  /** Crashes a node: it stops receiving messages, and its pending timers are lost. */
  stopNode(address: Address): void {
    const slot = this.slot(address);
    slot.active = false;
    slot.incarnation = ++this.incarnations;
    this.logNode('stop', address);
  }

  /** Restarts a crashed node: rebuilt by its factory with only its persistent fields kept. */
  restartNode(address: Address): void {
    const slot = this.slot(address);
    const fresh = slot.factory();
    keepPersistentFields(slot.node, fresh);
    slot.node = fresh;
    slot.active = true;
    slot.incarnation = ++this.incarnations;
    this.logNode('restart', address);
    this.initialize(fresh, `a restart of ${address}`);
  }

  /**
   * The messages a node (by root address) sent, was sent and was delivered so far; zeros for an
   * address that has none.
   */
  messageCounts(address: Address): MessageCounts {
    return this.counts.snapshot(rootAddress(address));
  }

  /** The message counts of every address that sent or was sent anything, in first-use order. */
  allMessageCounts(): Map<Address, MessageCounts> {
    return this.counts.entries();
  }

  /** Whether a node is running (added, and not stopped). */
  isActive(address: Address): boolean {
    return this.slots.get(address)?.active === true;
  }

  /**
   * Cuts or restores the one-way link from `from` to `to`. Only a change is an event: tests set
   * every link between their servers at once, and the log shows the ones that changed.
   */
  setLinkActive(from: Address, to: Address, active: boolean): void {
    if (this.links.setLink(from, to, active))
      this.log({ type: 'control', timeMicros: this.now, action: 'link', from, to, active });
  }

  /**
   * Lets only nodes in the same group talk (servers and clients alike); every node not listed —
   * including nodes added later — is cut off from all. Replaces any earlier partition and cut
   * links.
   */
  partition(...groups: readonly (readonly Address[])[]): void {
    this.links.partition(groups);
    this.log({
      type: 'control',
      timeMicros: this.now,
      action: 'partition',
      groups: groups.map((group) => [...group]),
    });
  }

  /** Restores every link. */
  healPartition(): void {
    this.links.heal();
    this.log({ type: 'control', timeMicros: this.now, action: 'heal' });
  }

  /** The partition and the cut links in force now (a search from this point keeps them). */
  connectivity(): ConnectivitySettings {
    return this.links.settings();
  }

  /** The node at an address (the current incarnation). */
  node<N extends Node = Node>(address: Address): N {
    return this.slot(address).node as N;
  }

  /**
   * Messages in flight and timers not yet fired, in no particular order (the visualizer follows
   * them).
   */
  pendingEvents(): readonly PendingEvent[] {
    const pending = [...this.queue.entries()];
    for (const slot of this.slots.values()) pending.push(...slot.waiting.slice(1));
    return pending;
  }

  /** Addresses of every node, in the order they were added. */
  addresses(): Address[] {
    return [...this.slots.keys()];
  }

  /** The client workers, in the order they were added. */
  clientWorkers(): ClientWorker[] {
    const workers: ClientWorker[] = [];
    for (const slot of this.slots.values())
      if (slot.node instanceof ClientWorker) workers.push(slot.node);
    return workers;
  }

  /** Whether every client worker has finished its workload. */
  clientsDone(): boolean {
    for (const slot of this.slots.values())
      if (slot.node instanceof ClientWorker && !slot.node.isDone()) return false;
    return true;
  }

  /** Runs for `durationMs` of simulated time. */
  runFor(durationMs: number): void {
    this.runUntil(this.now + Math.round(durationMs * MICROS_PER_MS), () => false);
  }

  /**
   * Runs until every client worker is done or `timeLimitMs` more simulated time passes. Returns
   * whether they finished.
   */
  runUntilClientsDone(timeLimitMs: number): boolean {
    if (this.clientsDone()) return true;
    return this.runUntil(this.now + Math.round(timeLimitMs * MICROS_PER_MS), () =>
      this.clientsDone(),
    );
  }

  /**
   * Runs until `condition` holds after an event, or `timeLimitMs` more simulated time passes.
   * Returns whether it held.
   */
  runUntilTrue(condition: () => boolean, timeLimitMs: number): boolean {
    if (condition()) return true;
    return this.runUntil(this.now + Math.round(timeLimitMs * MICROS_PER_MS), condition);
  }

  /** Processes events until `stop()` holds after one (true) or the time limit (false). */
  runUntil(timeLimitMicros: number, stop: () => boolean): boolean {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.timeMicros > timeLimitMicros) {
        this.now = Math.max(this.now, timeLimitMicros);
        return false;
      }
      this.queue.pop();
      this.now = next.timeMicros;
      if (++this.eventCount > EVENTS_PER_RUN_MAX)
        throw new Error(`more than ${EVENTS_PER_RUN_MAX} events in one run`);
      this.process(next);
      if (stop()) return true;
    }
  }

  private process(event: Pending): void {
    const slot = this.slots.get(rootAddress(event.to));
    if (slot === undefined) {
      this.handle(undefined, event);
      return;
    }
    const waiting = slot.waiting;
    const isHead = waiting[0] === event;
    if (isHead && slot.busyUntilMicros <= this.now) waiting.shift();
    else if (isHead || waiting.length > 0 || slot.busyUntilMicros > this.now) {
      // The node is busy, or others wait for it: the event waits, behind those that arrived
      // before it.
      if (!isHead) waiting.push(event);
      if (waiting.length === 1 || isHead) this.queueFirstWaiting(slot);
      return;
    }
    this.handle(slot, event);
    if (isHead && waiting.length > 0) this.queueFirstWaiting(slot);
  }

  /** Puts the first event waiting for a busy node in the queue, due when the node is free. */
  private queueFirstWaiting(slot: NodeSlot): void {
    const first = slot.waiting[0];
    if (first === undefined) return;
    const timeMicros = Math.max(this.now, slot.busyUntilMicros);
    const queued = { ...first, timeMicros, sequence: this.sequence++ };
    slot.waiting[0] = queued;
    this.queue.push(queued);
  }

  /** Delivers a message or fires a timer at a node free to handle it (or drops it). */
  private handle(slot: NodeSlot | undefined, event: Pending): void {
    if (event.type === 'message') {
      if (slot === undefined || !slot.active || this.linkCut(event.from, event.to)) {
        if (this.logging)
          this.log({
            type: 'drop',
            timeMicros: this.now,
            from: event.from,
            to: event.to,
            message: event.message,
          });
        return;
      }
      // The event record is built only for someone who looks at it: most runs have no one.
      const delivered: SimulationEvent | undefined =
        this.logging || this.afterEvent !== undefined
          ? {
              type: 'deliver',
              timeMicros: this.now,
              from: event.from,
              to: event.to,
              message: event.message,
            }
          : undefined;
      if (delivered !== undefined && this.logging) this.log(delivered);
      slot.counts.delivered++;
      this.invoke(slot, event);
      if (delivered !== undefined) this.afterEvent?.(delivered, this);
    } else {
      if (slot === undefined || !slot.active || slot.incarnation !== event.incarnation) return;
      const fired: SimulationEvent | undefined =
        this.logging || this.afterEvent !== undefined
          ? { type: 'timer', timeMicros: this.now, to: event.to, timer: event.timer }
          : undefined;
      if (fired !== undefined && this.logging) this.log(fired);
      this.invoke(slot, event);
      if (fired !== undefined) this.afterEvent?.(fired, this);
    }
  }

  private transmit(from: Address, to: Address, message: Message): void {
    this.onEvent?.({ type: 'send', timeMicros: this.now, from, to, message });
    (this.running?.counts ?? this.counts.of(rootAddress(from))).sent++;
    this.counts.of(rootAddress(to)).addressed++;
    const reliable = this.reliableLink(from, to);
    if (this.linkCut(from, to) || (!reliable && !this.random.chance(this.settings.deliveryRate))) {
      if (this.logging) this.log({ type: 'drop', timeMicros: this.now, from, to, message });
      return;
    }
    this.queue.push({
      type: 'message',
      timeMicros: this.effectTime + this.latencyMicros(),
      sequence: this.sequence++,
      from,
      to,
      message,
    });
    if (
      !reliable &&
      this.settings.duplicateRate > 0 &&
      this.random.chance(this.settings.duplicateRate)
    ) {
      this.queue.push({
        type: 'message',
        timeMicros: this.effectTime + this.latencyMicros(),
        sequence: this.sequence++,
        from,
        to,
        message,
      });
    }
  }

  /** Whether the settings keep this link reliable (one end is a reliable node). */
  private reliableLink(from: Address, to: Address): boolean {
    const reliable = this.settings.reliableNodes;
    return (
      reliable.length > 0 &&
      (reliable.includes(rootAddress(from)) || reliable.includes(rootAddress(to)))
    );
  }

  private latencyMicros(): number {
    const { latencyMsMin, latencyMsMax } = this.settings;
    return this.random.integer(
      Math.round(latencyMsMin * MICROS_PER_MS),
      Math.round(latencyMsMax * MICROS_PER_MS),
    );
  }

  private schedule(owner: Address, timer: Timer, minMicros: number, maxMicros: number): void {
    const slot = this.slots.get(rootAddress(owner));
    if (slot === undefined) return;
    const duration =
      minMicros === maxMicros ? minMicros : this.random.integer(minMicros, maxMicros);
    this.queue.push({
      type: 'timer',
      timeMicros: this.effectTime + duration,
      sequence: this.sequence++,
      to: owner,
      timer,
      incarnation: slot.incarnation,
    });
  }

  /** Runs a node's init(): its first, or (with `occasion`) the one a restart runs. */
  private initialize(node: Node, occasion?: string): void {
    this.invoke(this.slot(node.address), undefined, occasion);
  }

  /**
   * Runs the slot's node on an event (or its init(), for `undefined`) with this
   * simulation receiving its effects. No closure per event: this runs for every one.
   */
  private invoke(slot: NodeSlot, event: Pending | undefined, occasion?: string): void {
    this.effectTime = this.now + this.serviceMicros;
    if (this.serviceMicros > 0) slot.busyUntilMicros = this.effectTime;
    const outer = enterEffects(this.sink);
    const outerRunning = this.running;
    this.running = slot;
    try {
      if (event === undefined) slot.node.init();
      else if (event.type === 'message')
        slot.node.receiveMessage(event.to, event.message, event.from);
      else slot.node.receiveTimer(event.to, event.timer);
    } catch (error) {
      throw this.handlerError(slot.node.address, event, occasion, error);
    } finally {
      this.running = outerRunning;
      leaveEffects(outer);
    }
  }

  /** What a handler threw, as the run stops with it: which node, handler, event and time. */
  private handlerError(
    node: Address,
    event: Pending | undefined,
    occasion: string | undefined,
    cause: unknown,
  ): HandlerError {
    const timeMs = this.nowMs;
    if (event === undefined)
      return new HandlerError({
        mode: 'run',
        node,
        handler: 'init',
        event: occasion,
        timeMs,
        cause,
      });
    if (event.type === 'message')
      return new HandlerError({
        mode: 'run',
        node,
        handler: messageHandlerName(event.message.kind),
        event: `${event.from} -> ${event.to} ${describeValue(event.message)}`,
        timeMs,
        cause,
      });
    return new HandlerError({
      mode: 'run',
      node,
      handler: timerHandlerName(event.timer.kind),
      event: `${event.to} timer ${describeValue(event.timer)}`,
      timeMs,
      cause,
    });
  }

  private linkCut(from: Address, to: Address): boolean {
    return this.links.restricted && !this.links.allows(rootAddress(from), rootAddress(to));
  }

  private get logging(): boolean {
    return this.recordEvents || this.onEvent !== undefined;
  }

  private logNode(action: NodeControlAction, node: Address): void {
    this.log({ type: 'control', timeMicros: this.now, action, node });
  }

  private log(event: SimulationEvent): void {
    if (this.recordEvents) this.events.push(event);
    this.onEvent?.(event);
  }

  private slot(address: Address): NodeSlot {
    const slot = this.slots.get(address);
    if (slot === undefined) throw new Error(`there is no node ${address}`);
    return slot;
  }
}
