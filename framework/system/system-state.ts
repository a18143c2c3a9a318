import type { Address } from '../core/address.ts';
import { ClientWorker } from '../core/client-worker.ts';
import { finalize } from '../core/hash.ts';
import type { Node } from '../core/node.ts';
import type { Envelope, NodeSystem, TimerEntry } from './node-system.ts';

/**
 * How a successor differs from its parent: one node's new state id, the envelopes it sent
 * that are new to the network, and its timer queue with one timer fired and new ones set.
 */
export interface StateDelta {
  readonly parent: SystemState;
  readonly nodeIndex: number;
  readonly nodeId: number;
  /** New envelope ids, sorted, none already in the parent's network. */
  readonly added: readonly number[] | undefined;
  /** Queue position of the timer that fired, or -1. */
  readonly firedPosition: number;
  readonly newTimers: readonly number[];
}

/**
 * One global state of a node system in search: each root node's interned state, the set of
 * every message ever sent (delivery does not remove one: that is how drops, duplicates and
 * reordering are all explored), and each node's queue of pending timers in the order they
 * were set. States are immutable.
 *
 * A successor starts as its parent plus a {@link StateDelta}: its fingerprint is computed
 * from the delta, and its arrays are only built when first read. Most successors in a
 * search turn out to be states already visited, and those never build anything.
 */
export class SystemState {
  private nodeIdsValue: Int32Array | undefined;
  private networkValue: Int32Array | undefined;
  private timersValue: readonly Int32Array[] | undefined;
  private delta: StateDelta | undefined;
  readonly fingerprintHigh: number;
  readonly fingerprintLow: number;

  private constructor(
    readonly system: NodeSystem,
    /** Order-independent hash of the network: per-lane sums of the envelopes' hashes. */
    readonly networkHashHigh: number,
    readonly networkHashLow: number,
    contents: { nodeIds: Int32Array; network: Int32Array; timers: readonly Int32Array[] } | undefined,
    delta: StateDelta | undefined,
  ) {
    this.nodeIdsValue = contents?.nodeIds;
    this.networkValue = contents?.network;
    this.timersValue = contents?.timers;
    this.delta = delta;
    const fingerprint = this.computeFingerprint();
    this.fingerprintHigh = fingerprint.high;
    this.fingerprintLow = fingerprint.low;
  }

  /** A state given in full. */
  static of(system: NodeSystem, nodeIds: Int32Array, network: Int32Array, networkHashHigh: number, networkHashLow: number, timers: readonly Int32Array[]): SystemState {
    return new SystemState(system, networkHashHigh, networkHashLow, { nodeIds, network, timers }, undefined);
  }

  /** A successor of `delta.parent`, with the network hash already updated by the added envelopes. */
  static successor(delta: StateDelta, networkHashHigh: number, networkHashLow: number): SystemState {
    return new SystemState(delta.parent.system, networkHashHigh, networkHashLow, undefined, delta);
  }

  /** Interned state id of each root node, by index in `system.addresses`. */
  get nodeIds(): Int32Array {
    if (this.nodeIdsValue === undefined) this.materialize();
    return this.nodeIdsValue as Int32Array;
  }

  /** Ids of the envelopes in the network, sorted ascending. */
  get network(): Int32Array {
    if (this.networkValue === undefined) this.materialize();
    return this.networkValue as Int32Array;
  }

  /** Each node's pending timer entry ids, in the order they were set. */
  get timers(): readonly Int32Array[] {
    if (this.timersValue === undefined) this.materialize();
    return this.timersValue as readonly Int32Array[];
  }

  /** The current state of the root node at `address` (shared: never modify it). */
  node<N extends Node = Node>(address: Address): N {
    const id = this.nodeIds[this.system.indexOf(address)];
    if (id === undefined) throw new Error(`there is no node ${address}`);
    return this.system.nodes.value(id) as N;
  }

  /** Every root node, in the order they were added. */
  nodes(): Node[] {
    return Array.from(this.nodeIds, (id) => this.system.nodes.value(id));
  }

  /** The client workers, in the order they were added. */
  clientWorkers(): ClientWorker[] {
    const workers: ClientWorker[] = [];
    for (const id of this.nodeIds) {
      const node = this.system.nodes.value(id);
      if (node instanceof ClientWorker) workers.push(node);
    }
    return workers;
  }

  /** Whether every client worker has finished its workload. */
  clientsDone(): boolean {
    for (const id of this.nodeIds) {
      const node = this.system.nodes.value(id);
      if (node instanceof ClientWorker && !node.isDone()) return false;
    }
    return true;
  }

  /** Every message in the network. */
  messages(): Envelope[] {
    return Array.from(this.network, (id) => this.system.envelopes.value(id));
  }

  /** The pending timers of the root node at `address`, in the order they were set. */
  timersOf(address: Address): TimerEntry[] {
    const queue = this.timers[this.system.indexOf(address)] ?? new Int32Array();
    return Array.from(queue, (id) => this.system.timerEntries.value(id));
  }

  private materialize(): void {
    const delta = this.delta;
    if (delta === undefined) throw new Error('a system state has neither contents nor a parent');
    const { parent, nodeIndex } = delta;
    const nodeIds = parent.nodeIds.slice();
    nodeIds[nodeIndex] = delta.nodeId;
    this.nodeIdsValue = nodeIds;
    this.networkValue = delta.added === undefined ? parent.network : mergeSorted(parent.network, delta.added);
    if (delta.firedPosition < 0 && delta.newTimers.length === 0) {
      this.timersValue = parent.timers;
    } else {
      const timers = parent.timers.slice();
      timers[nodeIndex] = changedQueue(parent.timers[nodeIndex] as Int32Array, delta);
      this.timersValue = timers;
    }
    this.delta = undefined;
  }

  // The hot path of search: no closures, no iterators, no allocation but the result.
  private computeFingerprint(): { high: number; low: number } {
    const { nodes, timerEntries } = this.system;
    const nodeHashHigh = nodes.hashHigh;
    const nodeHashLow = nodes.hashLow;
    const timerHashHigh = timerEntries.hashHigh;
    const timerHashLow = timerEntries.hashLow;
    const delta = this.delta;
    const nodeIds = delta === undefined ? this.nodeIds : delta.parent.nodeIds;
    const timers = delta === undefined ? this.timers : delta.parent.timers;
    const changedIndex = delta === undefined ? -1 : delta.nodeIndex;
    const firedPosition = delta === undefined ? -1 : delta.firedPosition;
    let high = 0x6a09e667 ^ this.networkHashHigh;
    let low = 0xbb67ae85 ^ this.networkHashLow;
    for (let index = 0; index < nodeIds.length; index++) {
      const changed = index === changedIndex;
      const id = changed ? (delta as StateDelta).nodeId : (nodeIds[index] as number);
      high = Math.imul(high ^ (nodeHashHigh[id] as number), 0x01000193) + index;
      low = Math.imul((low << 7) ^ (low >>> 25) ^ (nodeHashLow[id] as number), 0x5bd1e995);
      const queue = timers[index] as Int32Array;
      for (let position = 0; position < queue.length; position++) {
        if (changed && position === firedPosition) continue;
        const timerId = queue[position] as number;
        high = Math.imul(high ^ (timerHashHigh[timerId] as number), 0x01000193);
        low = Math.imul((low << 7) ^ (low >>> 25) ^ (timerHashLow[timerId] as number), 0x5bd1e995);
      }
      if (changed) {
        const newTimers = (delta as StateDelta).newTimers;
        for (let position = 0; position < newTimers.length; position++) {
          const timerId = newTimers[position] as number;
          high = Math.imul(high ^ (timerHashHigh[timerId] as number), 0x01000193);
          low = Math.imul((low << 7) ^ (low >>> 25) ^ (timerHashLow[timerId] as number), 0x5bd1e995);
        }
      }
      // Marks the end of a node's queue, so [a][b, c] and [a, b][c] differ.
      high = Math.imul(high ^ 0x2545f491, 0x01000193);
      low = Math.imul(low ^ 0x9e3779b9, 0x5bd1e995);
    }
    return { high: finalize(high ^ (low >>> 11)), low: finalize(low ^ Math.imul(high, 0x27d4eb2f)) };
  }
}

/** A node's timer queue after the delta: the fired timer removed, the new ones appended. */
function changedQueue(queue: Int32Array, delta: StateDelta): Int32Array {
  const result = new Int32Array(queue.length - (delta.firedPosition >= 0 ? 1 : 0) + delta.newTimers.length);
  let write = 0;
  for (let position = 0; position < queue.length; position++) if (position !== delta.firedPosition) result[write++] = queue[position] as number;
  for (const timerId of delta.newTimers) result[write++] = timerId;
  return result;
}
/** Merges a sorted list of new ids into a sorted network. */
function mergeSorted(network: Int32Array, added: readonly number[]): Int32Array {
  const merged = new Int32Array(network.length + added.length);
  let read = 0;
  let write = 0;
  for (const envelopeId of added) {
    while (read < network.length && (network[read] as number) < envelopeId) merged[write++] = network[read++] as number;
    merged[write++] = envelopeId;
  }
  while (read < network.length) merged[write++] = network[read++] as number;
  return merged;
}
