import type { Model } from './model.ts';

/**
 * An optional capability of a model whose states pack into a fixed number of int32 words
 * (the node system's do: ids of interned parts). Breadth-first search then keeps each
 * level as one flat array of words instead of an object per state, and asks for
 * successors that may be transient, so that a model can make every successor in one
 * reused object: a search then allocates nothing for a successor it has seen before, and
 * the collector has almost nothing to trace or move.
 */
export interface StatePacking<State, Event> {
  /** The words a packed state takes: the same for every state of the model. */
  readonly packedWords: number;

  /** Writes `state` into `words`, from `offset`. */
  pack(state: State, words: Int32Array, offset: number): void;

  /**
   * The state `pack` wrote at `offset`: a new object, which may refer to `words` rather
   * than copy them. The engines never change words once a state is packed in them.
   */
  unpack(words: Int32Array, offset: number): State;

  /**
   * As `Model.next`, except that the result may be an object the model reuses: it is valid
   * only until the next call of `nextTransient`. The engine packs it (or unpacks a packed
   * copy of it) to keep it, and hands it to predicates only while it is valid.
   */
  nextTransient(state: State, event: Event): State;
}

/** A model that may offer {@link StatePacking}. */
export interface PackableModel<State, Event> extends Model<State, Event> {
  readonly packing?: StatePacking<State, Event>;
}

/** The model's packing, if it offers one. */
export function packingOf<State, Event>(
  model: Model<State, Event>,
): StatePacking<State, Event> | undefined {
  return (model as PackableModel<State, Event>).packing;
}
