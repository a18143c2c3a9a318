/**
 * What a predicate is for: an invariant must hold in every reachable state, a goal stops
 * the search when reached, and a prune stops the search from expanding a state (its
 * successors are not explored, though invariants are still checked on it).
 */
export type PredicateKind = 'invariant' | 'goal' | 'prune';

/**
 * A predicate's verdict on one state. `true` and `false` are its truth value. A string
 * means the predicate's notable outcome happened, and says why: for an invariant, "violated,
 * because …"; for a goal, "reached: …"; for a prune, "pruned: …". So invariants read
 * `holds || reason` and goals read `reached && detail`.
 */
export type PredicateVerdict = boolean | string;

/** A named test of a state, of one kind. */
export interface Predicate<State> {
  readonly name: string;
  readonly kind: PredicateKind;
  test(state: State): PredicateVerdict;
  /**
   * Why the predicate could never fire in a search from `start` — an invariant over
   * results that no client's workload expects, say — or undefined. A search that relies on
   * such a predicate checks nothing, and is refused ({@link VacuousPredicateError}).
   */
  vacuousFrom?(start: State): string | undefined;
}

/** A search was asked to check a predicate that can never fire from its start. */
export class VacuousPredicateError extends Error {
  override readonly name = 'VacuousPredicateError';
}

/** Throws {@link VacuousPredicateError} for the first predicate that is vacuous from `start`. */
export function rejectVacuousPredicates<State>(
  predicates: readonly Predicate<State>[],
  start: State,
): void {
  for (const predicate of predicates) {
    const reason = predicate.vacuousFrom?.(start);
    if (reason !== undefined)
      throw new VacuousPredicateError(
        `${predicate.kind} "${predicate.name}" checks nothing: ${reason}`,
      );
  }
}

/** The outcome of testing one predicate that fired, with its explanation (if any). */
export interface PredicateFiring<State> {
  readonly predicate: Predicate<State>;
  readonly detail: string | undefined;
}

/** An invariant: `test` returns true when it holds, or false or a reason when violated. */
export function invariant<State>(
  name: string,
  test: (state: State) => PredicateVerdict,
): Predicate<State> {
  return { name, kind: 'invariant', test };
}

/** A goal: `test` returns true or a detail when reached, false otherwise. */
export function goal<State>(
  name: string,
  test: (state: State) => PredicateVerdict,
): Predicate<State> {
  return { name, kind: 'goal', test };
}

/** A prune: `test` returns true or a detail for states that must not be expanded. */
export function prune<State>(
  name: string,
  test: (state: State) => PredicateVerdict,
): Predicate<State> {
  return { name, kind: 'prune', test };
}
