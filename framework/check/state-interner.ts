import { finalize } from '../core/hash.ts';
import type { SequentialSpec } from './sequential-spec.ts';

const LOAD_FACTOR_MAX = 0.5;

/**
 * Numbers the distinct states of a specification, so that the search compares states as
 * integers. Equality is the spec's: `stateHash` + `stateEquals` when it has them (no cost
 * in the size of the state), otherwise `stateKey`.
 */
export class StateInterner<State> {
  private readonly states: State[] = [];
  private readonly idsByKey = new Map<string, number>();
  /** Open addressing by hash: slots of [hash, id + 1 (0: empty)]. */
  private slots: Int32Array;
  private mask: number;
  private readonly byHash: boolean;

  /** `capacity` (a power of two) sizes the first allocation. */
  constructor(
    private readonly spec: SequentialSpec<State, unknown, unknown>,
    capacity = 1024,
  ) {
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.byHash = spec.stateHash !== undefined && spec.stateEquals !== undefined;
  }

  /** The number of distinct states interned. */
  get size(): number {
    return this.states.length;
  }

  /** The state with id `id`. */
  state(id: number): State {
    if (id < 0 || id >= this.states.length) throw new RangeError(`no state with id ${id}`);
    return this.states[id] as State;
  }

  /** The id of `state`, numbering it if it is new. */
  intern(state: State): number {
    return this.byHash
      ? this.internByHash(state, (this.spec.stateHash?.(state) ?? 0) | 0)
      : this.internByKey(state);
  }

  private internByKey(state: State): number {
    const key = this.spec.stateKey(state);
    const known = this.idsByKey.get(key);
    if (known !== undefined) return known;
    this.idsByKey.set(key, this.states.length);
    this.states.push(state);
    return this.states.length - 1;
  }

  private internByHash(state: State, hash: number): number {
    const spec = this.spec;
    let slot = finalize(hash) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot * 2 + 1] as number;
      if (stored === 0) break;
      if (
        this.slots[slot * 2] === hash &&
        spec.stateEquals?.(this.states[stored - 1] as State, state) === true
      )
        return stored - 1;
    }
    this.states.push(state);
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = this.states.length;
    if (this.states.length > this.mask * LOAD_FACTOR_MAX) this.grow();
    return this.states.length - 1;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array((this.mask + 1) * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let slot = finalize(old[at] as number) & this.mask;
      while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = old[at] as number;
      this.slots[slot * 2 + 1] = old[at + 1] as number;
    }
  }
}
