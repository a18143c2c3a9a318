import type { Hash64 } from '../core/hash.ts';
import type { ModelAsKind, ModelKind } from './model-kind.ts';

/**
 * A state's 64-bit identity, as two unsigned 32-bit halves. Two states with equal
 * fingerprints are treated as the same state, so a model should make its fingerprint a
 * function of the state's canonical encoding (or an injective packing of it).
 */
export type Fingerprint = Hash64;

/**
 * What every search strategy sees of a system: a transition system with fingerprinted
 * states. The node-system adapter is one model; a plain state machine (the TwoPhase commit
 * spec in `examples/two-phase`) is another.
 *
 * The engines call `events`, `next` and `fingerprint` once per transition, so these are
 * the hot path: see the notes on each member for what keeps them fast.
 */
export interface Model<State, Event> {
  /** The states a search starts from. */
  initialStates(): readonly State[];

  /**
   * The events enabled in `state`, in a deterministic order (searches and seeded probes
   * are reproducible only if this order is). The engines never modify the array and are
   * done with it before they ask for another state's events, so a model may reuse one
   * buffer.
   */
  events(state: State): readonly Event[];

  /**
   * The state after `event` happens in `state`. Must not modify `state`. Returning `state`
   * itself when the event changes nothing lets the engines skip the successor without
   * fingerprinting or looking it up. A thrown exception is a finding ("exception thrown"),
   * reported with the path that led to it.
   */
  next(state: State, event: Event): State;

  /**
   * The state's fingerprint. Called once on every successor, so a state that already knows
   * its fingerprint (computed incrementally by `next`) should simply return it; the
   * engines never keep the returned object.
   */
  fingerprint(state: State): Fingerprint;

  /** A one-line human description of an event, for traces and the CLI. */
  describeEvent(event: Event): string;

  /**
   * Whether an event from a recorded path (perhaps deserialized from a trace) is the same
   * as an enabled event. Replay and minimization use it to find the recorded event among
   * the enabled ones. Defaults to {@link sameEventByDefault}.
   */
  sameEvent?(recorded: Event, enabled: Event): boolean;

  /**
   * A complete, canonical text identity of an event, the same in every process: saved
   * traces record it, so that replay finds the recorded event among the enabled ones even
   * where two descriptions (shortened for reading) look alike. Defaults to `describeEvent`.
   */
  eventKey?(event: Event): string;

  /**
   * The nodes the model's event keys name, and which of them a key names: a saved trace
   * records the first, so that a path edited to name a node the test does not have is refused
   * before it is replayed rather than reported as the code diverging. Models without nodes
   * (a plain state machine) leave it out.
   */
  readonly nodeNames?: {
    /** Every node's name, sorted. */
    all(): readonly string[];
    /** The nodes an event key names, or undefined for a text that is no key of this model's. */
    inKey(key: string): readonly string[] | undefined;
  };

  /**
   * An estimate of the memory the model's own tables and caches hold (interned states,
   * memos), in bytes. Searches add it to their own estimate when they check a memory limit
   * without a measure of the process (`memoryBytes`), as in a browser.
   */
  sizeBytesEstimate?(): number;

  /**
   * The same model with its self-tests on (`--checks`: each handler run twice from the same
   * state, each message delivered twice, each state cloned and fingerprinted again), for
   * models that have self-tests; undefined when they are on already. A test runner asks for
   * it by this capability, whatever the model's class.
   */
  withChecks?(): Model<State, Event> | undefined;

  /**
   * The model as the kind `kind` names, if it is one (a node system, which traces and the
   * visualizer draw as nodes, messages and timers); undefined otherwise, as for a model without
   * the method. Tools that treat a kind specially ask for it by this capability, never by the
   * model's class.
   */
  asKind?<KindModel, KindState, KindEvent>(
    kind: ModelKind<KindModel, KindState, KindEvent>,
  ): ModelAsKind<State, Event, KindModel, KindState, KindEvent> | undefined;

  /**
   * A mark of what the model's tables hold now, for {@link forgetSince}. A random search
   * takes one when it begins.
   */
  mark?(): object;

  /**
   * Forgets what the model's tables took in since `mark` (interned states, memos), to bound
   * a long search's memory: a random search calls it between probes, once
   * {@link sizeBytesEstimate} has grown past its cache budget, when it holds no state made
   * since the mark. States and events made since may stand for others afterwards.
   */
  forgetSince?(mark: object): void;
}

/**
 * The default event comparison: identical values, or equal descriptions (which is right
 * whenever `describeEvent` tells distinct events apart).
 */
export function sameEventByDefault<State, Event>(
  model: Model<State, Event>,
  recorded: Event,
  enabled: Event,
): boolean {
  return (
    Object.is(recorded, enabled) || model.describeEvent(recorded) === model.describeEvent(enabled)
  );
}
