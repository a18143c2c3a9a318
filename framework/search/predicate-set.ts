import type { Predicate, PredicateFiring, PredicateVerdict } from './predicate.ts';

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
      const verdict = predicate.test(state);
      if (verdict !== true) return firingOf(predicate, verdict);
    }
    for (const predicate of this.goals) {
      const verdict = predicate.test(state);
      if (verdict !== false) return firingOf(predicate, verdict);
    }
    return undefined;
  }

  /** Whether some prune fires on the state, so that it must not be expanded. */
  pruned(state: State): boolean {
    for (const predicate of this.prunes) {
      if (predicate.test(state) !== false) return true;
    }
    return false;
  }
}

function firingOf<State>(predicate: Predicate<State>, verdict: PredicateVerdict): PredicateFiring<State> {
  return { predicate, detail: typeof verdict === 'string' ? verdict : undefined };
}
