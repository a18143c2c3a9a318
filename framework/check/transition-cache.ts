import { finalize } from '../core/hash.ts';
import type { SequentialSpec } from './sequential-spec.ts';

/** The result of {@link TransitionCache.next} when the operation cannot be placed. */
export const ILLEGAL_TRANSITION = -1;

const EMPTY_SLOT = -1;
const LOAD_FACTOR_MAX = 0.5;

/**
 * The specification as a graph over interned states, built lazily. The search revisits the
 * same (state, operation) pair many times while backtracking; here the spec's `step` and
 * `stateKey` run once per pair, and afterwards a step is one probe of an integer table.
 * States are interned by `stateKey`, so state equality in the search is integer equality.
 */
export class TransitionCache<State, Input, Output> {
  private readonly states: State[] = [];
  private readonly idsByKey = new Map<string, number>();
  private slotStates: Int32Array;
  private slotOperations: Int32Array;
  private slotTargets: Int32Array;
  private mask: number;
  private size = 0;

  constructor(
    private readonly spec: SequentialSpec<State, Input, Output>,
    private readonly inputs: readonly Input[],
    private readonly outputs: readonly (Output | undefined)[],
  ) {
    const capacity = 1024;
    this.slotStates = new Int32Array(capacity).fill(EMPTY_SLOT);
    this.slotOperations = new Int32Array(capacity);
    this.slotTargets = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.intern(spec.initialState());
  }

  /** The id of the initial state. */
  get initialStateId(): number {
    return 0;
  }

  /** The number of distinct states met so far. */
  get stateCount(): number {
    return this.states.length;
  }

  /** The state with id `id`. */
  state(id: number): State {
    const state = this.states[id];
    if (state === undefined) throw new RangeError(`no state with id ${id}`);
    return state;
  }

  /** The state id after `operation` from state `stateId`, or {@link ILLEGAL_TRANSITION}. */
  next(stateId: number, operation: number): number {
    let slot = finalize(Math.imul(stateId, 0x9e3779b1) ^ Math.imul(operation + 1, 0x85ebca6b)) & this.mask;
    for (;;) {
      const slotState = this.slotStates[slot] as number;
      if (slotState === EMPTY_SLOT) break;
      if (slotState === stateId && this.slotOperations[slot] === operation) return this.slotTargets[slot] as number;
      slot = (slot + 1) & this.mask;
    }
    const target = this.compute(stateId, operation);
    this.slotStates[slot] = stateId;
    this.slotOperations[slot] = operation;
    this.slotTargets[slot] = target;
    if (++this.size > this.mask * LOAD_FACTOR_MAX) this.grow();
    return target;
  }

  private compute(stateId: number, operation: number): number {
    const result = this.spec.step(this.state(stateId), this.inputs[operation] as Input, this.outputs[operation]);
    return result.legal ? this.intern(result.state) : ILLEGAL_TRANSITION;
  }

  private intern(state: State): number {
    const key = this.spec.stateKey(state);
    const known = this.idsByKey.get(key);
    if (known !== undefined) return known;
    this.idsByKey.set(key, this.states.length);
    this.states.push(state);
    return this.states.length - 1;
  }

  private grow(): void {
    const states = this.slotStates;
    const operations = this.slotOperations;
    const targets = this.slotTargets;
    const capacity = states.length * 2;
    this.slotStates = new Int32Array(capacity).fill(EMPTY_SLOT);
    this.slotOperations = new Int32Array(capacity);
    this.slotTargets = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let old = 0; old < states.length; old++) {
      const stateId = states[old] as number;
      if (stateId === EMPTY_SLOT) continue;
      const operation = operations[old] as number;
      let slot = finalize(Math.imul(stateId, 0x9e3779b1) ^ Math.imul(operation + 1, 0x85ebca6b)) & this.mask;
      while (this.slotStates[slot] !== EMPTY_SLOT) slot = (slot + 1) & this.mask;
      this.slotStates[slot] = stateId;
      this.slotOperations[slot] = operation;
      this.slotTargets[slot] = targets[old] as number;
    }
  }
}
