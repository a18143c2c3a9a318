import type { SequentialSpec } from './sequential-spec.ts';
import { StateInterner } from './state-interner.ts';
import { powerOfTwoAtLeast } from './visited-set.ts';

/** The result of {@link TransitionCache.next} when the operation cannot be placed. */
export const ILLEGAL_TRANSITION = -1;

/** Where a state's row has not been allocated yet. */
const NO_ROW = -1;
/**
 * Slots of a new row (one 64-byte cache line); a row doubles when three quarters full. A slot is
 * [operation + 1 (0: empty), target].
 */
const ROW_SLOTS_INITIAL = 8;

/**
 * The specification as a graph over interned states, built lazily. The search revisits the
 * same (state, operation) pair while backtracking; here the spec's `step` runs once per
 * pair, and afterwards a step is one probe of an integer table. States are interned, so
 * state equality in the search is integer equality.
 *
 * Each state has its own small open-addressing row of (operation, target) slots in one
 * shared arena. The search asks about many operations from the same state in a row (the
 * candidates of one configuration), so they hit the same cache line instead of one random
 * line of a large global table each.
 */
export class TransitionCache<State, Input, Output> {
  private readonly interner: StateInterner<State>;
  private rowStart: Int32Array;
  /** Slots of each row, minus one (rows are powers of two). */
  private rowMask: Int32Array;
  private rowCount: Int32Array;
  private arena: Int32Array;
  private arenaUsed = 0;

  constructor(
    private readonly spec: SequentialSpec<State, Input, Output>,
    private readonly inputs: readonly Input[],
    private readonly outputs: readonly (Output | undefined)[],
  ) {
    // First allocations in proportion to the partition: most partitions are small.
    const states = powerOfTwoAtLeast(Math.max(16, inputs.length));
    this.rowStart = new Int32Array(states).fill(NO_ROW);
    this.rowMask = new Int32Array(states);
    this.rowCount = new Int32Array(states);
    this.arena = new Int32Array(states * ROW_SLOTS_INITIAL * 2);
    this.interner = new StateInterner(spec, states);
    this.interner.intern(spec.initialState());
  }

  /** The id of the initial state. */
  get initialStateId(): number {
    return 0;
  }

  /** The number of distinct states met so far. */
  get stateCount(): number {
    return this.interner.size;
  }

  /** The state with id `id`. */
  state(id: number): State {
    return this.interner.state(id);
  }

  /** The state id after `operation` from state `stateId`, or {@link ILLEGAL_TRANSITION}. */
  next(stateId: number, operation: number): number {
    const start = stateId < this.rowStart.length ? (this.rowStart[stateId] as number) : NO_ROW;
    if (start !== NO_ROW) {
      const mask = this.rowMask[stateId] as number;
      const arena = this.arena;
      for (let slot = operation & mask; ; slot = (slot + 1) & mask) {
        const stored = arena[start + slot * 2] as number;
        if (stored === operation + 1) return arena[start + slot * 2 + 1] as number;
        if (stored === 0) break;
      }
    }
    const target = this.compute(stateId, operation);
    this.remember(stateId, operation, target);
    return target;
  }

  /**
   * Whether a read-only operation is legal in state `stateId`. Not memoized: a read is
   * checked once per configuration that reaches it, nearly always in a state never seen
   * before, so remembering the answer would cost more than it saves.
   */
  legalReadOnly(stateId: number, operation: number): boolean {
    const state = this.interner.state(stateId);
    const result = this.spec.step(state, this.inputs[operation] as Input, this.outputs[operation]);
    return (
      result.legal && (result.state === state || this.interner.intern(result.state) === stateId)
    );
  }

  private compute(stateId: number, operation: number): number {
    const state = this.interner.state(stateId);
    const result = this.spec.step(state, this.inputs[operation] as Input, this.outputs[operation]);
    if (!result.legal) return ILLEGAL_TRANSITION;
    // The same object is the same state: reads skip interning altogether.
    return result.state === state ? stateId : this.interner.intern(result.state);
  }

  private remember(stateId: number, operation: number, target: number): void {
    if (stateId >= this.rowStart.length) this.growRowIndex(stateId);
    if (this.rowStart[stateId] === NO_ROW) this.allocateRow(stateId, ROW_SLOTS_INITIAL);
    else if (
      ((this.rowCount[stateId] as number) + 1) * 4 >
      ((this.rowMask[stateId] as number) + 1) * 3
    )
      this.allocateRow(stateId, ((this.rowMask[stateId] as number) + 1) * 2);
    this.insert(stateId, operation, target);
    this.rowCount[stateId] = (this.rowCount[stateId] as number) + 1;
  }

  private insert(stateId: number, operation: number, target: number): void {
    const start = this.rowStart[stateId] as number;
    const mask = this.rowMask[stateId] as number;
    let slot = operation & mask;
    while (this.arena[start + slot * 2] !== 0) slot = (slot + 1) & mask;
    this.arena[start + slot * 2] = operation + 1;
    this.arena[start + slot * 2 + 1] = target;
  }

  /**
   * Gives a state a fresh row of `slots` slots, moving its entries there (the old row is
   * abandoned).
   */
  private allocateRow(stateId: number, slots: number): void {
    const oldStart = this.rowStart[stateId] as number;
    const oldSlots = oldStart === NO_ROW ? 0 : (this.rowMask[stateId] as number) + 1;
    if (this.arenaUsed + slots * 2 > this.arena.length) {
      let length = this.arena.length * 2;
      while (this.arenaUsed + slots * 2 > length) length *= 2;
      const arena = new Int32Array(length);
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    this.rowStart[stateId] = this.arenaUsed;
    this.rowMask[stateId] = slots - 1;
    this.arenaUsed += slots * 2;
    for (let slot = 0; slot < oldSlots; slot++) {
      const stored = this.arena[oldStart + slot * 2] as number;
      if (stored !== 0)
        this.insert(stateId, stored - 1, this.arena[oldStart + slot * 2 + 1] as number);
    }
  }

  private growRowIndex(stateId: number): void {
    let length = this.rowStart.length * 2;
    while (length <= stateId) length *= 2;
    const rowStart = new Int32Array(length).fill(NO_ROW);
    rowStart.set(this.rowStart);
    const rowMask = new Int32Array(length);
    rowMask.set(this.rowMask);
    const rowCount = new Int32Array(length);
    rowCount.set(this.rowCount);
    this.rowStart = rowStart;
    this.rowMask = rowMask;
    this.rowCount = rowCount;
  }
}
