import type { Address } from '../core/address.ts';
import { cloneState, keepPersistentFields } from '../core/clone.ts';
import type { NodeSystem, Transition } from './node-system.ts';

/**
 * Where a search records the crashes of a path: each crash adds a record to the network,
 * an envelope to this address (which no node has, and which user addresses cannot spell),
 * so that the state carries how many crashes its path used and search tells apart states
 * that differ only in the budget left.
 */
export const CRASH_RECORDS: Address = '(crashes)' as Address;

/** The message of the `count`-th crash of a path, at `node`. */
interface CrashRecord {
  readonly kind: 'Crash';
  readonly count: number;
}

/**
 * A crash as an event of the search: the node loses its volatile fields and its pending
 * timers, keeps its declared persistent fields, and starts again — rebuilt from its state
 * before `init()` ran, with the persistent fields copied in, and `init()` run again (the
 * run mode's `stopNode` then `restartNode`). Crash and restart are one event: the network
 * keeps every message, so messages that a crashed node would have missed can still be
 * delivered after its restart, or never, and a node that stays down is one whose events
 * the search does not take.
 */
export class CrashRestarts {
  /** Per crashed node state: its restart (what init() sent and set, and the state it left). */
  private readonly restarts = new Map<number, Transition>();
  /** Per network id: the crashes its path used. */
  private readonly counts = new Map<number, number>();
  /** Per node index: the timer entry id that stands for its crash event. */
  readonly timerIds: Int32Array;

  constructor(
    private readonly system: NodeSystem,
    readonly nodes: ReadonlySet<number>,
    readonly max: number,
  ) {
    // Durations of -1 µs: no timer a node sets can collide with these entries.
    this.timerIds = Int32Array.from(system.addresses, (address) =>
      system.internTimer(address, { kind: 'CrashAndRestart' }, -1, -1),
    );
  }

  /** Forgets the restarts and counts (keyed by ids the system may have given again). */
  clear(): void {
    this.restarts.clear();
    this.counts.clear();
  }

  /** Whether timer entry `timerId` of node `nodeIndex` is that node's crash. */
  isCrash(nodeIndex: number, timerId: number): boolean {
    return this.timerIds[nodeIndex] === timerId;
  }

  /** Crashes the path of a state with this network has used. */
  used(networkId: number): number {
    let count = this.counts.get(networkId);
    if (count === undefined) {
      count = 0;
      for (const envelopeId of this.system.networks.view(networkId)) {
        const envelope = this.system.envelopes.value(envelopeId);
        if (envelope.to === CRASH_RECORDS)
          count = Math.max(count, (envelope.message as CrashRecord).count);
      }
      this.counts.set(networkId, count);
    }
    return count;
  }

  /** The record of the `count`-th crash, at the node at `address`, as a set of one envelope. */
  recordSet(address: Address, count: number): number {
    const record: CrashRecord = { kind: 'Crash', count };
    return this.system.internNetwork([this.system.internEnvelope(address, CRASH_RECORDS, record)]);
  }

  /** The restart of node `nodeIndex` from its crashed state `nodeId`. */
  restart(nodeIndex: number, nodeId: number): Transition {
    let transition = this.restarts.get(nodeId);
    if (transition === undefined) {
      const crashed = this.system.nodes.value(nodeId);
      const fresh = cloneState(this.system.pristine(nodeIndex));
      keepPersistentFields(crashed, fresh);
      transition = this.system.initialize(fresh);
      this.restarts.set(nodeId, transition);
    }
    return transition;
  }
}
