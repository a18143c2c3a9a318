import type { Address } from '../core/address.ts';
import { finalizeInt32 as mix32 } from '../core/hash.ts';
import { ClientWorker } from '../core/client-worker.ts';
import type { Node } from '../core/node.ts';
import { CRASH_RECORDS } from './crash-restarts.ts';
import type { Envelope, NodeSystem, TimerEntry } from './node-system.ts';

/**
 * One global state of a node system in search: each root node's interned state, the set of
 * every message ever sent (delivery does not remove one: that is how drops, duplicates and
 * reordering are all explored), and each node's queue of pending timers in the order they
 * were set. States are immutable.
 *
 * The network and the timer queues are interned too ({@link NodeSystem.networks},
 * {@link NodeSystem.queues}), so a state's contents are 3 + 2n int32 words for n nodes: the
 * two halves of its fingerprint, the network's id, each node's state id, each node's queue
 * id. They are kept in a block shared with the states made around the same time (or in a
 * search level's packed words, see {@link SystemState.unpacked}), not in arrays of their own.
 *
 * A successor starts as its parent plus the one node that changed: its fingerprint is
 * computed from that alone, and its contents are only copied out when first read. Most
 * successors in a search turn out to be states already visited, and those never copy
 * anything.
 *
 * The fingerprint is the per-lane sum (mod 2^32) of the network's hash (itself the sum of
 * its envelopes' hashes) and one hash per node of (index, node state, timer queue): a
 * successor's is its parent's with one node's term and the network's hash swapped.
 */
export class SystemState {
  /** The block holding the contents once copied out, and where in it they start. */
  private block: Int32Array | undefined;
  private offset: number;
  /** Until the contents are copied out: the parent, and what changed in it. */
  private parent: SystemState | undefined;
  private changedIndex: number;
  private changedNodeId: number;
  private changedQueueId: number;
  private changedNetworkId: number;
  /**
   * The two lanes of the fingerprint, as int32 (small integers to V8: no boxed numbers per state).
   */
  private sumHigh: number;
  private sumLow: number;
  /**
   * A transient state's own block, which its contents are copied into (see {@link
   * SystemState.transient}).
   */
  private readonly ownBlock: Int32Array | undefined;

  private constructor(
    readonly system: NodeSystem,
    block: Int32Array | undefined,
    offset: number,
    parent: SystemState | undefined,
    changedIndex: number,
    changedNodeId: number,
    changedQueueId: number,
    changedNetworkId: number,
    sumHigh: number,
    sumLow: number,
    ownBlock: Int32Array | undefined,
  ) {
    this.block = block;
    this.offset = offset;
    this.parent = parent;
    this.changedIndex = changedIndex;
    this.changedNodeId = changedNodeId;
    this.changedQueueId = changedQueueId;
    this.changedNetworkId = changedNetworkId;
    this.sumHigh = sumHigh;
    this.sumLow = sumLow;
    this.ownBlock = ownBlock;
  }

  /**
   * A state given in full. The network's hash is recomputed from its envelopes when it is
   * interned, so `networkHashHigh` and `networkHashLow` are only checked against it.
   */
  static of(
    system: NodeSystem,
    nodeIds: Int32Array,
    network: Int32Array,
    networkHashHigh: number,
    networkHashLow: number,
    timers: readonly Int32Array[],
  ): SystemState {
    const count = system.addresses.length;
    if (nodeIds.length !== count || timers.length !== count)
      throw new RangeError(`a state of ${count} nodes needs ${count} node ids and timer queues`);
    const networkId = system.internNetwork(network);
    if (
      system.networks.hashHigh(networkId) !== (networkHashHigh | 0) ||
      system.networks.hashLow(networkId) !== (networkHashLow | 0)
    ) {
      throw new RangeError('the network hash given is not the sum of its envelopes hashes');
    }
    const queueIds = timers.map((queue) => system.internQueue(queue));
    const offset = system.reserveStateWords(wordsOf(system));
    const block = system.stateBlock;
    block[offset + NETWORK] = networkId;
    let sumHigh = system.networks.hashHigh(networkId);
    let sumLow = system.networks.hashLow(networkId);
    for (let index = 0; index < count; index++) {
      const nodeId = nodeIds[index]!;
      const queueId = queueIds[index]!;
      block[offset + NODES + index] = nodeId;
      block[offset + NODES + count + index] = queueId;
      const high = termHigh(system, index, nodeId, queueId);
      sumHigh = (sumHigh + high) | 0;
      sumLow = (sumLow + termLow(system, index, nodeId, queueId, high)) | 0;
    }
    block[offset + SUM_HIGH] = sumHigh;
    block[offset + SUM_LOW] = sumLow;
    return new SystemState(
      system,
      block,
      offset,
      undefined,
      -1,
      -1,
      -1,
      -1,
      sumHigh,
      sumLow,
      undefined,
    );
  }

  /** The words a state of `system` packs into: see {@link packInto}. */
  static packedWords(system: NodeSystem): number {
    return wordsOf(system);
  }

  /**
   * The state {@link packInto} wrote at `offset` of `words`, which it refers to (never change
   * them).
   */
  static unpacked(system: NodeSystem, words: Int32Array, offset: number): SystemState {
    return new SystemState(
      system,
      words,
      offset,
      undefined,
      -1,
      -1,
      -1,
      -1,
      words[offset + SUM_HIGH]!,
      words[offset + SUM_LOW]!,
      undefined,
    );
  }

  /**
   * A state for a model to reuse as every successor it makes in turn (see
   * {@link transientSuccessor}): its contents are copied out into a block of its own.
   */
  static transient(system: NodeSystem): SystemState {
    return new SystemState(
      system,
      undefined,
      0,
      undefined,
      -1,
      -1,
      -1,
      -1,
      0,
      0,
      new Int32Array(wordsOf(system)),
    );
  }

  /**
   * The state after node `index` of `parent` took state `nodeId` with queue `queueId`, and the
   * network became `networkId`.
   */
  static successor(
    parent: SystemState,
    index: number,
    nodeId: number,
    queueId: number,
    networkId: number,
  ): SystemState {
    const state = new SystemState(
      parent.system,
      undefined,
      0,
      undefined,
      -1,
      -1,
      -1,
      -1,
      0,
      0,
      undefined,
    );
    state.becomeSuccessor(parent, index, nodeId, queueId, networkId);
    return state;
  }

  /**
   * Turns this transient state (made by {@link SystemState.transient}) into the successor
   * {@link SystemState.successor} would make: what it was before is gone.
   */
  transientSuccessor(
    parent: SystemState,
    index: number,
    nodeId: number,
    queueId: number,
    networkId: number,
  ): SystemState {
    if (this.ownBlock === undefined) throw new Error('only a transient system state can be reused');
    this.becomeSuccessor(parent, index, nodeId, queueId, networkId);
    // At once, into its own block: a reference to the parent would outlive the search.
    this.copyOut();
    return this;
  }

  /** Writes the state's contents (3 + 2n words) into `words` from `offset`. */
  packInto(words: Int32Array, offset: number): void {
    const block = this.block ?? this.copyOut();
    const from = this.offset;
    const count = wordsOf(this.system);
    for (let word = 0; word < count; word++) words[offset + word] = block[from + word]!;
  }

  private becomeSuccessor(
    parent: SystemState,
    index: number,
    nodeId: number,
    queueId: number,
    networkId: number,
  ): void {
    const system = parent.system;
    const oldNodeId = parent.nodeIdAt(index);
    const oldQueueId = parent.queueIdAt(index);
    const oldNetworkId = parent.networkId;
    const networks = system.networks;
    const oldHigh = termHigh(system, index, oldNodeId, oldQueueId);
    const newHigh = termHigh(system, index, nodeId, queueId);
    const oldLow = termLow(system, index, oldNodeId, oldQueueId, oldHigh);
    const newLow = termLow(system, index, nodeId, queueId, newHigh);
    this.sumHigh =
      (parent.sumHigh -
        oldHigh +
        newHigh -
        networks.hashHigh(oldNetworkId) +
        networks.hashHigh(networkId)) |
      0;
    this.sumLow =
      (parent.sumLow -
        oldLow +
        newLow -
        networks.hashLow(oldNetworkId) +
        networks.hashLow(networkId)) |
      0;
    this.block = undefined;
    this.offset = 0;
    this.parent = parent;
    this.changedIndex = index;
    this.changedNodeId = nodeId;
    this.changedQueueId = queueId;
    this.changedNetworkId = networkId;
  }

  /** The high half of the state's 64-bit fingerprint (unsigned). */
  get fingerprintHigh(): number {
    return this.sumHigh >>> 0;
  }

  /** The low half of the state's 64-bit fingerprint (unsigned). */
  get fingerprintLow(): number {
    return this.sumLow >>> 0;
  }

  /** The network's id in {@link NodeSystem.networks}. */
  get networkId(): number {
    const block = this.block ?? this.copyOut();
    return block[this.offset + NETWORK]!;
  }

  /** The state id of root node `index` (by index in `system.addresses`). */
  nodeIdAt(index: number): number {
    const block = this.block ?? this.copyOut();
    return block[this.offset + NODES + index]!;
  }

  /** The id in {@link NodeSystem.queues} of root node `index`'s timer queue. */
  queueIdAt(index: number): number {
    const block = this.block ?? this.copyOut();
    return block[this.offset + NODES + this.system.addresses.length + index]!;
  }

  /** Interned state id of each root node, by index in `system.addresses` (a copy). */
  get nodeIds(): Int32Array {
    const block = this.block ?? this.copyOut();
    return block.slice(this.offset + NODES, this.offset + NODES + this.system.addresses.length);
  }

  /** Ids of the envelopes in the network, sorted ascending (a copy). */
  get network(): Int32Array {
    return this.system.networks.view(this.networkId).slice();
  }

  /** Each node's pending timer entry ids, in the order they were set (copies). */
  get timers(): readonly Int32Array[] {
    return this.system.addresses.map((_, index) =>
      this.system.queues.view(this.queueIdAt(index)).slice(),
    );
  }

  /** Order-independent hash of the network: per-lane sums of the envelopes' hashes (unsigned). */
  get networkHashHigh(): number {
    return this.system.networks.hashHigh(this.networkId) >>> 0;
  }

  get networkHashLow(): number {
    return this.system.networks.hashLow(this.networkId) >>> 0;
  }

  /** The current state of the root node at `address` (shared: never modify it). */
  node<N extends Node = Node>(address: Address): N {
    const index = this.system.indexOf(address);
    if (index < 0) throw new Error(`there is no node ${address}`);
    return this.system.nodes.value(this.nodeIdAt(index)) as N;
  }

  /** Every root node, in the order they were added. */
  nodes(): Node[] {
    return this.system.addresses.map((_, index) => this.system.nodes.value(this.nodeIdAt(index)));
  }

  /** The client workers, in the order they were added. */
  clientWorkers(): ClientWorker[] {
    const workers: ClientWorker[] = [];
    const values = this.system.nodes.values;
    const count = this.system.addresses.length;
    for (let index = 0; index < count; index++) {
      const node = values[this.nodeIdAt(index)];
      if (node instanceof ClientWorker) workers.push(node);
    }
    return workers;
  }

  /** Whether every client worker has finished its workload. */
  clientsDone(): boolean {
    const values = this.system.nodes.values;
    const count = this.system.addresses.length;
    for (let index = 0; index < count; index++) {
      const node = values[this.nodeIdAt(index)];
      if (node instanceof ClientWorker && !node.isDone()) return false;
    }
    return true;
  }

  /** Every message in the network (not the records of crashes, see {@link CRASH_RECORDS}). */
  messages(): Envelope[] {
    const envelopes = Array.from(this.system.networks.view(this.networkId), (id) =>
      this.system.envelopes.value(id),
    );
    return envelopes.filter((envelope) => envelope.to !== CRASH_RECORDS);
  }

  /** The pending timers of the root node at `address`, in the order they were set. */
  timersOf(address: Address): TimerEntry[] {
    const index = this.system.indexOf(address);
    if (index < 0) return [];
    return Array.from(this.system.queues.view(this.queueIdAt(index)), (id) =>
      this.system.timerEntries.value(id),
    );
  }

  /**
   * Copies the contents out of the parent (and first out of its own parent, and so on, for
   * successors of successors none of which was read) and lets the parent go.
   */
  private copyOut(): Int32Array {
    if (this.parent?.block === undefined) {
      const pending: SystemState[] = [this];
      for (
        let state = this.parent;
        state !== undefined && state.block === undefined;
        state = state.parent
      )
        pending.push(state);
      for (let at = pending.length - 1; at > 0; at--) pending[at]!.copyFromParent();
    }
    this.copyFromParent();
    return this.block as Int32Array;
  }

  private copyFromParent(): void {
    const parent = this.parent;
    if (parent?.block === undefined)
      throw new Error('a system state has neither contents nor a parent');
    const system = this.system;
    const count = system.addresses.length;
    const words = wordsOf(system);
    const offset = this.ownBlock === undefined ? system.reserveStateWords(words) : 0;
    // After reserving, which may have started a new block.
    const target = this.ownBlock ?? system.stateBlock;
    const from = parent.block;
    const fromOffset = parent.offset;
    for (let word = 0; word < words; word++) target[offset + word] = from[fromOffset + word]!;
    target[offset + SUM_HIGH] = this.sumHigh;
    target[offset + SUM_LOW] = this.sumLow;
    target[offset + NETWORK] = this.changedNetworkId;
    target[offset + NODES + this.changedIndex] = this.changedNodeId;
    target[offset + NODES + count + this.changedIndex] = this.changedQueueId;
    this.block = target;
    this.offset = offset;
    this.parent = undefined;
  }
}

// Where things are in a state's words.
const SUM_HIGH = 0;
const SUM_LOW = 1;
const NETWORK = 2;
const NODES = 3;

function wordsOf(system: NodeSystem): number {
  return NODES + 2 * system.addresses.length;
}

// A node's term: a 64-bit hash of (index, node state hash, queue hash), as two int32 lanes
// (int32, not uint32: a function returning a number above 2^31 boxes it when not inlined).
function termHigh(system: NodeSystem, index: number, nodeId: number, queueId: number): number {
  return mix32(
    (system.nodes.hashHigh[nodeId] as number) ^
      Math.imul(system.queues.hashLow(queueId) ^ index, 0xcc9e2d51),
  );
}

/** The low lane, given the high one. */
function termLow(
  system: NodeSystem,
  index: number,
  nodeId: number,
  queueId: number,
  high: number,
): number {
  return mix32(
    (system.nodes.hashLow[nodeId] as number) ^
      Math.imul((system.queues.hashHigh(queueId) + index) | 0, 0x1b873593) ^
      Math.imul(high, 0x27d4eb2f),
  );
}
