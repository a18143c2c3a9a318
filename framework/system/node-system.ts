import { rootAddress, type Address } from '../core/address.ts';
import { cloneState } from '../core/clone.ts';
import { withEffects, type EffectSink } from '../core/effects.ts';
import { encode } from '../core/encoding.ts';
import type { Message, Timer } from '../core/message.ts';
import type { Node } from '../core/node.ts';
import { InternTable } from './intern-table.ts';

/** A message in the network: who sent it, to whom, and the index of its root receiver. */
export interface Envelope {
  readonly from: Address;
  readonly to: Address;
  readonly message: Message;
  /** Index (in {@link NodeSystem.addresses}) of the root node that receives it, or -1. */
  readonly target: number;
}

/** A timer waiting in a node's queue, with the duration range it was set with. */
export interface TimerEntry {
  readonly owner: Address;
  readonly timer: Timer;
  readonly minMicros: number;
  readonly maxMicros: number;
}

/** What one handler did to a node state: the node's next state and what it sent and set. */
export interface Transition {
  readonly nodeId: number;
  readonly sends: readonly number[];
  readonly timers: readonly number[];
  readonly error: unknown;
  readonly failed: boolean;
}

/** A handler threw during search; the search reports it as a finding. */
export class SearchHandlerError extends Error {
  override readonly name = 'SearchHandlerError';
  constructor(
    message: string,
    readonly node: Address,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

// Transitions are memoized under nodeId * EVENT_KEYS + eventKey, which stays an exact
// integer below 2^53 while node ids stay below 2^29.
const EVENT_KEYS = 2 ** 24;
const NODE_IDS_MAX = 2 ** 29;
/** The memo is a cache: past this many entries it starts over rather than grow without bound. */
const TRANSITIONS_CACHED_MAX = 4_000_000;

/**
 * What all states of one search share: the fixed list of root nodes, the tables that intern
 * node states, messages and timers, and the memo of handler executions. Handlers are
 * deterministic, so running the same handler on the same node state with the same event
 * always gives the same transition: each is computed once.
 */
export class NodeSystem {
  readonly addresses: readonly Address[];
  private readonly indexByAddress = new Map<Address, number>();
  readonly nodes = new InternTable<Node>();
  readonly envelopes = new InternTable<Envelope>();
  readonly timerEntries = new InternTable<TimerEntry>();
  private readonly transitions = new Map<number, Transition>();
  private sends: number[] = [];
  private timers: number[] = [];
  private readonly sink: EffectSink = {
    send: (from, to, message) => this.sends.push(this.internEnvelope(from, to, message)),
    setTimer: (owner, timer, minMicros, maxMicros) => this.timers.push(this.internTimer(owner, timer, minMicros, maxMicros)),
    nowMicros: () => 0,
  };

  constructor(addresses: readonly Address[]) {
    this.addresses = addresses;
    addresses.forEach((address, index) => this.indexByAddress.set(address, index));
  }

  /** The index of a root node's address, or -1. */
  indexOf(address: Address): number {
    return this.indexByAddress.get(address) ?? -1;
  }

  /** Interns a node state by its canonical encoding. The node must not be changed afterwards. */
  internNode(node: Node): number {
    const id = this.nodes.intern(encode(node, node.address), node);
    if (id >= NODE_IDS_MAX) throw new RangeError(`more than ${NODE_IDS_MAX} distinct node states`);
    return id;
  }

  internEnvelope(from: Address, to: Address, message: Message): number {
    const key = `${from}>${to}>${encode(message, `message ${from} -> ${to}`)}`;
    const id = this.envelopes.intern(key, { from, to, message, target: this.indexOf(rootAddress(to)) });
    if (id * 2 >= EVENT_KEYS) throw new RangeError(`more than ${EVENT_KEYS / 2} distinct messages`);
    return id;
  }

  internTimer(owner: Address, timer: Timer, minMicros: number, maxMicros: number): number {
    const key = `${owner}>${minMicros}>${maxMicros}>${encode(timer, `timer of ${owner}`)}`;
    const id = this.timerEntries.intern(key, { owner, timer, minMicros, maxMicros });
    if (id * 2 + 1 >= EVENT_KEYS) throw new RangeError(`more than ${EVENT_KEYS / 2} distinct timers`);
    return id;
  }

  /** Delivers envelope `envelopeId` to node state `nodeId`. */
  deliver(nodeId: number, envelopeId: number): Transition {
    const key = nodeId * EVENT_KEYS + envelopeId * 2;
    const cached = this.transitions.get(key);
    if (cached !== undefined) return cached;
    const envelope = this.envelopes.value(envelopeId);
    return this.remember(key, this.execute(nodeId, (node) => node.receiveMessage(envelope.to, envelope.message, envelope.from)));
  }

  /** Fires timer entry `timerId` on node state `nodeId`. */
  fire(nodeId: number, timerId: number): Transition {
    const key = nodeId * EVENT_KEYS + timerId * 2 + 1;
    const cached = this.transitions.get(key);
    if (cached !== undefined) return cached;
    const entry = this.timerEntries.value(timerId);
    return this.remember(key, this.execute(nodeId, (node) => node.receiveTimer(entry.owner, entry.timer)));
  }

  /** Runs `init()` on a fresh node: its state id and what it sent and set. */
  initialize(node: Node): Transition {
    return this.run(node, () => node.init());
  }

  /**
   * Runs a handler on a copy of the node state `nodeId`, without the memo. The `--checks`
   * mode calls it to compare two executions of one event.
   */
  execute(nodeId: number, handler: (node: Node) => void): Transition {
    const copy = cloneState(this.nodes.value(nodeId));
    return this.run(copy, () => handler(copy));
  }

  private run(node: Node, body: () => void): Transition {
    this.sends = [];
    this.timers = [];
    try {
      withEffects(this.sink, body);
    } catch (error) {
      return { nodeId: -1, sends: [], timers: [], error, failed: true };
    }
    return { nodeId: this.internNode(node), sends: this.sends, timers: this.timers, error: undefined, failed: false };
  }

  private remember(key: number, transition: Transition): Transition {
    if (this.transitions.size >= TRANSITIONS_CACHED_MAX) this.transitions.clear();
    this.transitions.set(key, transition);
    return transition;
  }
}
