import type { NodeSystem } from './node-system.ts';
import { hashNodeIds, NodeTupleMemo, NOT_MEMOIZED } from './node-tuple-memo.ts';
import type { SystemState } from './system-state.ts';

/**
 * Networks a generation of a memo keeps: a memo holds at most twice as many, so a long search
 * evicts rather than grows.
 */
const GENERATION_NETWORKS = 1 << 12;

/**
 * `compute`, a function of a state's network alone, memoized by the network's interned id: a
 * search meets each network in many states (with other node states and timers), and reading a
 * network's messages builds an envelope list each time. Ids are per system and per epoch of it
 * (a random search that forgets its tables gives ids out again), so each system has a memo of
 * its own, dropped when it forgets.
 */
export function memoizedByNetwork<T>(
  compute: (state: SystemState) => T,
): (state: SystemState) => T {
  const memos = new WeakMap<NodeSystem, { epoch: number; memo: NodeTupleMemo<T> }>();
  const key = new Int32Array(1);
  return (state) => {
    const system = state.system;
    let entry = memos.get(system);
    if (entry === undefined || entry.epoch !== system.epoch) {
      entry = { epoch: system.epoch, memo: new NodeTupleMemo<T>(GENERATION_NETWORKS) };
      memos.set(system, entry);
    }
    key[0] = state.networkId;
    const hash = hashNodeIds(key, 1);
    const found = entry.memo.lookup(key, 1, hash);
    if (found !== NOT_MEMOIZED) return found;
    const value = compute(state);
    entry.memo.store(key, 1, hash, value);
    return value;
  };
}
