import type { SystemState } from '../../../framework/testing.ts';

/**
 * Networks a generation of a memo keeps: when the young generation is full it becomes the old
 * one (and the old one is dropped), so a memo holds at most twice as many and a long search
 * evicts rather than grows.
 */
const GENERATION_NETWORKS = 1 << 12;

type NodeSystem = SystemState['system'];

/** One system's memo, valid in the epoch of it (ids it interned then) it was filled in. */
interface Generations<T> {
  readonly epoch: number;
  young: Map<number, T>;
  old: Map<number, T>;
}

/**
 * `compute`, a function of a state's network alone, memoized by the network's interned id: a
 * search meets each network in many states (with other node states and timers), and reading a
 * network's messages builds an envelope list each time. Ids are per system and per epoch of it
 * (a random search that forgets its tables gives ids out again), so each system has generations
 * of its own, dropped when it forgets.
 */
export function memoizedByNetwork<T>(
  compute: (state: SystemState) => T,
): (state: SystemState) => T {
  const memos = new WeakMap<NodeSystem, Generations<T>>();
  return (state) => {
    const system = state.system;
    let memo = memos.get(system);
    if (memo === undefined || memo.epoch !== system.epoch) {
      memo = { epoch: system.epoch, young: new Map(), old: new Map() };
      memos.set(system, memo);
    }
    const id = state.networkId;
    const young = memo.young.get(id);
    if (young !== undefined || memo.young.has(id)) return young as T;
    const value = memo.old.has(id) ? (memo.old.get(id) as T) : compute(state);
    if (memo.young.size >= GENERATION_NETWORKS) {
      memo.old = memo.young;
      memo.young = new Map();
    }
    memo.young.set(id, value);
    return value;
  };
}
