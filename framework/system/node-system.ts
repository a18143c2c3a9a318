import { rootAddress, type Address } from '../core/address.ts';
import { cloneState } from '../core/clone.ts';
import { enterEffects, leaveEffects, type EffectSink } from '../core/effects.ts';
import { encode } from '../core/encoding.ts';
import type { Message, Timer } from '../core/message.ts';
import type { Node } from '../core/node.ts';
import { IntPairCache } from '../search/int-pair-cache.ts';
import { InternTable, SequenceTable } from './intern-table.ts';
import { NodeStateTable } from './node-state-table.ts';
import { TransitionMemo } from './transition-memo.ts';

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
  /** The envelopes sent, as a set in {@link NodeSystem.networks} (id 0, the empty set, if none). */
  readonly sendSet: number;
  /** The timers set, as a queue in {@link NodeSystem.queues} (id 0, the empty queue, if none). */
  readonly timerQueue: number;
  readonly error: unknown;
  readonly failed: boolean;
}

/** The hash of the empty timer queue (any fixed values will do). */
const QUEUE_HASH_HIGH_EMPTY = 0x2545f491;
const QUEUE_HASH_LOW_EMPTY = 0x9e3779b9 | 0;

/**
 * What a {@link NodeSystem}'s tables held at one moment: {@link NodeSystem.forgetSince} goes
 * back to it.
 */
export interface SystemMark {
  readonly nodes: number;
  readonly segments: number;
  readonly envelopes: number;
  readonly timerEntries: number;
  readonly networks: number;
  readonly queues: number;
  readonly sizeBytesEstimate: number;
}

// Transitions are memoized per node state under an event key: 2 * envelopeId for a
// delivery, 2 * timerId + 1 for a timer.
const EVENT_KEYS = 2 ** 24;
const NODE_IDS_MAX = 2 ** 29;
/**
 * The memos are caches, bounded: past this many entries in a generation they evict the
 * older one (see {@link IntPairCache}). About 24 MB per generation of each set or queue
 * memo at most, however long the search.
 */
const SEQUENCE_STEPS_GENERATION_MAX = 1 << 20;
/** A memoized transition object with its arrays of sends and timers. */
const TRANSITION_BYTES_ESTIMATE = 160;
const NO_IDS: readonly number[] = Object.freeze([]);
/** The id every {@link SequenceTable} of a system gives the empty sequence. */
export const EMPTY_SEQUENCE = 0;
/** Words in one block of {@link NodeSystem.stateWords}: 64 KiB. */
const STATE_BLOCK_WORDS = 1 << 14;

/**
 * What all states of one search share: the fixed list of root nodes, the tables that intern
 * node states, messages and timers, and the memo of handler executions. Handlers are
 * deterministic, so running the same handler on the same node state with the same event
 * always gives the same transition: each is computed once.
 */
export class NodeSystem {
  readonly addresses: readonly Address[];
  private readonly indexByAddress = new Map<Address, number>();
  readonly nodes = new NodeStateTable();
  readonly envelopes = new InternTable<Envelope>();
  readonly timerEntries = new InternTable<TimerEntry>();
  /**
   * The sets of envelopes a network has been: sorted envelope ids, hashed as per-lane sums of the
   * envelopes' hashes.
   */
  readonly networks = new SequenceTable();
  /** The timer queues a node has had: timer entry ids in the order set, hashed in order. */
  readonly queues = new SequenceTable();
  /**
   * Memoized transitions, by (node state id, event key): a bounded cache whose size follows
   * the transitions it holds (a table indexed by event id per node state would follow the
   * ids, and be nearly all empty once a protocol has sent thousands of messages).
   */
  private readonly transitions: TransitionMemo<Transition>;
  /** Memos of set and queue operations on interned ids, each a bounded cache. */
  private readonly unions = new IntPairCache(SEQUENCE_STEPS_GENERATION_MAX);
  private readonly removals = new IntPairCache(SEQUENCE_STEPS_GENERATION_MAX);
  private readonly appends = new IntPairCache(SEQUENCE_STEPS_GENERATION_MAX);
  private readonly scratch: number[] = [];
  /**
   * The block that {@link SystemState}s copy their contents into (see there), and how much
   * of it is used: states made one after another share a block, and it is freed with the
   * last of them.
   */
  stateBlock = new Int32Array(STATE_BLOCK_WORDS);
  stateBlockUsed = 0;
  private readonly sends: number[] = [];
  private readonly timers: number[] = [];
  private forgettings = 0;
  /** The message {@link internEnvelope} encoded last, and its encoding. */
  private lastMessage: Message | undefined;
  private lastMessageEncoding = '';
  private readonly sink: EffectSink = {
    send: (from, to, message) => this.sends.push(this.internEnvelope(from, to, message)),
    setTimer: (owner, timer, minMicros, maxMicros) =>
      this.timers.push(this.internTimer(owner, timer, minMicros, maxMicros)),
    nowMicros: () => 0,
  };

  /**
   * `transitionsPerGeneration`: the transition memo's budget (see {@link TransitionMemo}); the
   * default suits most searches.
   */
  constructor(addresses: readonly Address[], transitionsPerGeneration?: number) {
    this.addresses = addresses;
    this.transitions = new TransitionMemo(transitionsPerGeneration);
    addresses.forEach((address, index) => this.indexByAddress.set(address, index));
    this.networks.intern([], 0, 0, 0);
    this.queues.intern([], 0, QUEUE_HASH_HIGH_EMPTY, QUEUE_HASH_LOW_EMPTY);
  }

  /**
   * Room for `words` more words of state contents: the offset in {@link stateBlock}, which may be a
   * new block.
   */
  reserveStateWords(words: number): number {
    if (this.stateBlockUsed + words > this.stateBlock.length) {
      this.stateBlock = new Int32Array(Math.max(STATE_BLOCK_WORDS, words));
      this.stateBlockUsed = 0;
    }
    const offset = this.stateBlockUsed;
    this.stateBlockUsed = offset + words;
    return offset;
  }

  /** The network with the envelopes of set `setId` added. */
  union(networkId: number, setId: number): number {
    if (setId === EMPTY_SEQUENCE) return networkId;
    const cached = this.unions.get(networkId, setId);
    if (cached >= 0) return cached;
    const { networks, scratch } = this;
    scratch.length = 0;
    const data = networks.data;
    let read = networks.start(networkId);
    const end = read + networks.length(networkId);
    let added = networks.start(setId);
    const addedEnd = added + networks.length(setId);
    let high = networks.hashHigh(networkId);
    let low = networks.hashLow(networkId);
    while (read < end || added < addedEnd) {
      const existing = read < end ? data[read]! : Infinity;
      const candidate = added < addedEnd ? data[added]! : Infinity;
      if (existing <= candidate) {
        scratch.push(existing);
        read++;
        if (existing === candidate) added++;
      } else {
        scratch.push(candidate);
        added++;
        high = (high + (this.envelopes.hashHigh[candidate] as number)) | 0;
        low = (low + (this.envelopes.hashLow[candidate] as number)) | 0;
      }
    }
    const result =
      scratch.length === networks.length(networkId)
        ? networkId
        : networks.intern(scratch, scratch.length, high, low);
    this.unions.set(networkId, setId, result);
    return result;
  }

  /** The queue without the timer at `position`. */
  withoutTimer(queueId: number, position: number): number {
    const cached = this.removals.get(queueId, position);
    if (cached >= 0) return cached;
    const { queues, scratch } = this;
    scratch.length = 0;
    const length = queues.length(queueId);
    for (let index = 0; index < length; index++)
      if (index !== position) scratch.push(queues.at(queueId, index));
    const result = this.internQueue(scratch);
    this.removals.set(queueId, position, result);
    return result;
  }

  /** The queue with the timers of queue `addedId` appended. */
  withTimers(queueId: number, addedId: number): number {
    if (addedId === EMPTY_SEQUENCE) return queueId;
    const cached = this.appends.get(queueId, addedId);
    if (cached >= 0) return cached;
    const { queues, scratch } = this;
    scratch.length = 0;
    for (const id of [queueId, addedId]) {
      const length = queues.length(id);
      for (let index = 0; index < length; index++) scratch.push(queues.at(id, index));
    }
    const result = this.internQueue(scratch);
    this.appends.set(queueId, addedId, result);
    return result;
  }

  /** Interns a set of envelope ids (in any order, repeats allowed). */
  internNetwork(envelopeIds: ArrayLike<number>): number {
    const sorted = [...new Set(Array.from(envelopeIds))].sort((a, b) => a - b);
    let high = 0;
    let low = 0;
    for (const envelopeId of sorted) {
      high = (high + (this.envelopes.hashHigh[envelopeId] as number)) | 0;
      low = (low + (this.envelopes.hashLow[envelopeId] as number)) | 0;
    }
    return this.networks.intern(sorted, sorted.length, high, low);
  }

  /** Interns a queue of timer entry ids. */
  internQueue(timerIds: ArrayLike<number>): number {
    const hashHigh = this.timerEntries.hashHigh;
    const hashLow = this.timerEntries.hashLow;
    let high = QUEUE_HASH_HIGH_EMPTY;
    let low = QUEUE_HASH_LOW_EMPTY;
    for (let index = 0; index < timerIds.length; index++) {
      const timerId = timerIds[index]!;
      high = Math.imul(high ^ (hashHigh[timerId] as number), 0x01000193);
      low = Math.imul((low << 7) ^ (low >>> 25) ^ (hashLow[timerId] as number), 0x5bd1e995);
    }
    // The length is hashed in, so the empty queue's hash is the one the constructor gives it.
    if (timerIds.length > 0) {
      high = Math.imul(high ^ timerIds.length, 0x01000193);
      low = Math.imul(low ^ timerIds.length, 0x5bd1e995);
    }
    return this.queues.intern(timerIds, timerIds.length, high, low);
  }

  /** What the tables hold now, to go back to with {@link forgetSince}. */
  mark(): SystemMark {
    return {
      nodes: this.nodes.size,
      segments: this.nodes.segmentCount,
      envelopes: this.envelopes.size,
      timerEntries: this.timerEntries.size,
      networks: this.networks.size,
      queues: this.queues.size,
      sizeBytesEstimate: this.sizeBytesEstimate,
    };
  }

  /**
   * Forgets every node state, message, timer, network and queue interned since `mark`, and
   * every memo: their ids are given again to what is interned next, so the caller must know
   * that no state, event or path it still uses refers to them (a random search between
   * probes, whose start states are older than the mark). This is what bounds a long random
   * search's memory: the tables otherwise grow with every state it meets.
   *
   * Ids are stable between two forgettings: a cache outside keyed by ids must be dropped
   * when {@link epoch} changes.
   */
  forgetSince(mark: SystemMark): void {
    this.nodes.truncate(mark.nodes, mark.segments);
    this.envelopes.truncate(mark.envelopes);
    this.timerEntries.truncate(mark.timerEntries);
    this.networks.truncate(mark.networks);
    this.queues.truncate(mark.queues);
    this.transitions.clear();
    this.unions.clear();
    this.removals.clear();
    this.appends.clear();
    this.forgettings++;
  }

  /**
   * How many times the system forgot states ({@link forgetSince}): ids interned in one epoch
   * may stand for other values in the next.
   */
  get epoch(): number {
    return this.forgettings;
  }

  /** The index of a root node's address, or -1. */
  indexOf(address: Address): number {
    return this.indexByAddress.get(address) ?? -1;
  }

  /**
   * Interns a node state by its canonical encoding. The node must not be changed
   * afterwards. `parentId`: the state it was copied from, if any (only what changed is encoded).
   */
  internNode(node: Node, parentId = -1): number {
    const id = this.nodes.intern(node, parentId);
    if (id >= NODE_IDS_MAX) throw new RangeError(`more than ${NODE_IDS_MAX} distinct node states`);
    return id;
  }

  internEnvelope(from: Address, to: Address, message: Message): number {
    // A broadcast sends one (frozen) message to each destination: it is encoded once.
    if (message !== this.lastMessage) {
      this.lastMessageEncoding = encode(message, `message ${from} -> ${to}`);
      this.lastMessage = message;
    }
    const key = `${from}>${to}>${this.lastMessageEncoding}`;
    const id = this.envelopes.intern(key, {
      from,
      to,
      message,
      target: this.indexOf(rootAddress(to)),
    });
    if (id * 2 >= EVENT_KEYS) throw new RangeError(`more than ${EVENT_KEYS / 2} distinct messages`);
    return id;
  }

  internTimer(owner: Address, timer: Timer, minMicros: number, maxMicros: number): number {
    const key = `${owner}>${minMicros}>${maxMicros}>${encode(timer, `timer of ${owner}`)}`;
    const id = this.timerEntries.intern(key, { owner, timer, minMicros, maxMicros });
    if (id * 2 + 1 >= EVENT_KEYS)
      throw new RangeError(`more than ${EVENT_KEYS / 2} distinct timers`);
    return id;
  }

  /** Delivers envelope `envelopeId` to node state `nodeId`. */
  deliver(nodeId: number, envelopeId: number): Transition {
    return this.transitions.get(nodeId, envelopeId * 2) ?? this.deliverAnew(nodeId, envelopeId);
  }

  /** Fires timer entry `timerId` on node state `nodeId`. */
  fire(nodeId: number, timerId: number): Transition {
    return this.transitions.get(nodeId, timerId * 2 + 1) ?? this.fireAnew(nodeId, timerId);
  }

  // The memo misses, apart: a function that makes a closure allocates its context on every
  // call, the calls that return at once from the memo included.
  private deliverAnew(nodeId: number, envelopeId: number): Transition {
    const envelope = this.envelopes.value(envelopeId);
    return this.rememberTransition(
      nodeId,
      envelopeId * 2,
      this.execute(nodeId, (node) =>
        node.receiveMessage(envelope.to, envelope.message, envelope.from),
      ),
    );
  }

  private fireAnew(nodeId: number, timerId: number): Transition {
    const entry = this.timerEntries.value(timerId);
    return this.rememberTransition(
      nodeId,
      timerId * 2 + 1,
      this.execute(nodeId, (node) => node.receiveTimer(entry.owner, entry.timer)),
    );
  }

  /**
   * Each root node as it was before its first `init()`, for restarts after a crash (see the
   * builder).
   */
  private readonly pristineNodes: Node[] = [];

  /** Keeps a copy of root node `index` as it is before `init()` runs on it. */
  keepPristine(index: number, node: Node): void {
    this.pristineNodes[index] = cloneState(node);
  }

  /** Root node `index` as it was before its first `init()` (shared: clone it before use). */
  pristine(index: number): Node {
    const node = this.pristineNodes[index];
    if (node === undefined)
      throw new Error(`no state before init() kept for ${this.addresses[index]}`);
    return node;
  }

  /** Runs `init()` on a fresh node: its state id and what it sent and set. */
  initialize(node: Node): Transition {
    return this.run(node, initNode);
  }

  /**
   * Runs a handler on a copy of the node state `nodeId`, without the memo. The `--checks`
   * mode calls it to compare two executions of one event. The copy is copied on write (see
   * {@link NodeStateTable.copyForHandler}): a handler that reads two fields of a large node
   * pays for those two.
   */
  execute(nodeId: number, handler: (node: Node) => void): Transition {
    const copy = this.nodes.copyForHandler(nodeId);
    return this.run(copy, handler, nodeId);
  }

  private run(node: Node, handler: (node: Node) => void, parentId = -1): Transition {
    // Emptied, not made anew: a transition keeps copies of them, and most have nothing to copy.
    const { sends, timers } = this;
    sends.length = 0;
    timers.length = 0;
    const outer = enterEffects(this.sink);
    try {
      handler(node);
    } catch (error) {
      return {
        nodeId: -1,
        sends: [],
        timers: [],
        sendSet: EMPTY_SEQUENCE,
        timerQueue: EMPTY_SEQUENCE,
        error,
        failed: true,
      };
    } finally {
      leaveEffects(outer);
    }
    return {
      nodeId: this.internNode(node, parentId),
      // Most handlers in a search send and set nothing: one shared empty list for all of them, not
      // two per memoized transition.
      sends: sends.length === 0 ? NO_IDS : sends.slice(),
      timers: timers.length === 0 ? NO_IDS : timers.slice(),
      sendSet: sends.length === 0 ? EMPTY_SEQUENCE : this.internNetwork(sends),
      timerQueue: timers.length === 0 ? EMPTY_SEQUENCE : this.internQueue(timers),
      error: undefined,
      failed: false,
    };
  }

  private rememberTransition(nodeId: number, eventKey: number, transition: Transition): Transition {
    this.transitions.set(nodeId, eventKey, transition);
    return transition;
  }

  /**
   * An estimate of the memory the system's tables and memos hold: interned node states,
   * messages and timers (which grow with the states searched and are never evicted, since
   * states refer to them), the sets and queues, and the bounded memos.
   */
  get sizeBytesEstimate(): number {
    return (
      this.nodes.sizeBytesEstimate +
      this.envelopes.sizeBytesEstimate +
      this.timerEntries.sizeBytesEstimate +
      this.networks.sizeBytes +
      this.queues.sizeBytes +
      this.unions.sizeBytes +
      this.removals.sizeBytes +
      this.appends.sizeBytes +
      this.transitions.sizeBytes +
      this.transitions.size * TRANSITION_BYTES_ESTIMATE
    );
  }

  /** Transitions the memo holds now (it evicts past its budget). */
  get transitionsCached(): number {
    return this.transitions.size;
  }
}

function initNode(node: Node): void {
  node.init();
}
