import type { StatePacking } from './state-packing.ts';

const CAPACITY_INITIAL_STATES = 1024;

/**
 * A list of states packed one after another in one growing Int32Array: a level of a
 * breadth-first search over a model that offers {@link StatePacking}. A state is unpacked
 * (a new object, which may refer to the list's words) each time it is read, and stays
 * valid until the list is cleared: the words of a packed state do not change until then,
 * and growing the list moves them to a new array rather than overwrite them.
 */
export class PackedStateList<State> {
  private words: Int32Array;
  private count = 0;
  private readonly stride: number;

  constructor(
    private readonly packing: StatePacking<State, unknown>,
    capacityStates: number = CAPACITY_INITIAL_STATES,
  ) {
    this.stride = packing.packedWords;
    this.words = new Int32Array(Math.max(1, capacityStates) * this.stride);
  }

  /** The number of states in the list. */
  get length(): number {
    return this.count;
  }

  /** The memory the list holds. */
  get sizeBytes(): number {
    return this.words.byteLength;
  }

  /** Empties the list, keeping its memory for the states packed next. */
  clear(): void {
    this.count = 0;
  }

  /** Packs a state at the end of the list. */
  push(state: State): void {
    const offset = this.count * this.stride;
    if (offset + this.stride > this.words.length) this.grow();
    this.packing.pack(state, this.words, offset);
    this.count++;
  }

  /** State `index`, unpacked. */
  get(index: number): State {
    return this.packing.unpack(this.words, index * this.stride);
  }

  private grow(): void {
    // A new array rather than a copy in place: states unpacked from the old one may refer to it.
    const words = new Int32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
  }
}

/** A state that stays valid: a transient one, packed and unpacked into words of its own. */
export function stableCopy<State>(packing: StatePacking<State, unknown>, state: State): State {
  const words = new Int32Array(packing.packedWords);
  packing.pack(state, words, 0);
  return packing.unpack(words, 0);
}
