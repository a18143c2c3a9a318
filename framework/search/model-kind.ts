import type { Predicate } from './predicate.ts';

/**
 * A kind of model that a layer above the engine shows or drives in its own way — the node
 * system, whose nodes, messages and timers traces and the visualizer draw — named by a token
 * that layer defines (see {@link Model.asKind}). The engine never looks at kinds: they are how
 * generic code asks what a model is without testing its class.
 */
export interface ModelKind<KindModel, KindState, KindEvent> {
  readonly name: string;
  /** Never set: it only carries the kind's model, state and event types. */
  readonly types?: {
    readonly model: KindModel;
    readonly state: KindState;
    readonly event: KindEvent;
  };
}

/**
 * A model seen as its kind: the model with the kind's own types, and this model's states,
 * events and predicates in them (the same values: what `asKind` answers for is what the model
 * is, so these change types only).
 */
export interface ModelAsKind<State, Event, KindModel, KindState, KindEvent> {
  readonly model: KindModel;
  state(state: State): KindState;
  event(event: Event): KindEvent;
  predicates(predicates: readonly Predicate<State>[]): readonly Predicate<KindState>[];
}
