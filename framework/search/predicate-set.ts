import type { Predicate, PredicateFiring, PredicateVerdict } from './predicate.ts';

/** A predicate threw while testing a state: the search reports it as an exception finding. */
export class PredicateError<State> extends Error {
  override readonly name = 'PredicateError';
  constructor(
    readonly predicate: Predicate<State>,
    override readonly cause: unknown,
  ) {
    super(
      `${predicate.kind} "${predicate.name}" threw: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`,
    );
  }
}

/**
 * A search's predicates, split by kind once so that checking a state costs one call per
 * predicate and allocates nothing unless a predicate fires.
 */
export class PredicateSet<State> {
  private readonly invariants: readonly Predicate<State>[];
  private readonly goals: readonly Predicate<State>[];
  private readonly prunes: readonly Predicate<State>[];

  constructor(predicates: readonly Predicate<State>[]) {
    this.invariants = predicates.filter((predicate) => predicate.kind === 'invariant');
    this.goals = predicates.filter((predicate) => predicate.kind === 'goal');
    this.prunes = predicates.filter((predicate) => predicate.kind === 'prune');
  }

  /**
   * The first violated invariant, or else the first goal reached, or undefined. Invariants
   * come first: a state that is both a goal and a violation is a violation.
   */
  finding(state: State): PredicateFiring<State> | undefined {
    for (const predicate of this.invariants) {
      const verdict = verdictOf(predicate, state);
      if (verdict !== true) return firingOf(predicate, verdict);
    }
    for (const predicate of this.goals) {
      const verdict = verdictOf(predicate, state);
      if (verdict !== false) return firingOf(predicate, verdict);
    }
    return undefined;
  }

  /** Whether some prune fires on the state, so that it must not be expanded. */
  pruned(state: State): boolean {
    for (const predicate of this.prunes) {
      if (verdictOf(predicate, state) !== false) return true;
    }
    return false;
  }

  /**
   * What a search does with a state it has just reached, in one call: the finding if a
   * predicate fires, else whether to expand it; a predicate's exception as the
   * {@link PredicateError} it becomes, for the search to report.
   */
  examine(state: State): PredicateFiring<State> | PredicateError<State> | 'expand' | 'pruned' {
    try {
      const firing = this.finding(state);
      if (firing !== undefined) return firing;
      return this.pruned(state) ? 'pruned' : 'expand';
    } catch (error) {
      if (error instanceof PredicateError) return error as PredicateError<State>;
      throw error;
    }
  }
}

/** A predicate's verdict, its exception wrapped with its name. */
function verdictOf<State>(predicate: Predicate<State>, state: State): PredicateVerdict {
  try {
    return predicate.test(state);
  } catch (error) {
    throw new PredicateError(predicate, error);
  }
}

function firingOf<State>(
  predicate: Predicate<State>,
  verdict: PredicateVerdict,
): PredicateFiring<State> {
  return { predicate, detail: typeof verdict === 'string' ? verdict : undefined };
}
