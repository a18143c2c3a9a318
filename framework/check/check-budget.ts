/**
 * How much work a check may do before it gives up with the verdict `unknown`. Deciding
 * linearizability is NP-complete, so a budget is what keeps a pathological history from
 * hanging a test run. A step is one attempt to place an operation.
 *
 * The step budget is deterministic: the same history and budget give the same verdict on
 * any machine. The time budget needs a clock, which the caller injects (`now`, in
 * milliseconds), because code under framework/ may not read the wall clock itself.
 */
export interface CheckBudget {
  /** The most search steps, over all partitions together. */
  readonly stepsMax?: number;
  /** The most time, in milliseconds of `now`; ignored without `now`. */
  readonly timeMs?: number;
  /** A clock in milliseconds, such as the CLI's high-resolution wall clock. */
  readonly now?: () => number;
}

/**
 * How often (in steps) the clock is read: often enough to stop promptly, rarely enough to cost
 * nothing.
 */
const CLOCK_INTERVAL_STEPS = 4096;

/** Tracks spending against a {@link CheckBudget} across the partitions of one check. */
export class BudgetTracker {
  /** Steps spent so far. */
  steps = 0;
  private readonly stepsMax: number;
  private readonly deadline: number;
  private readonly now: (() => number) | undefined;
  private exhausted = false;

  constructor(budget: CheckBudget = {}) {
    this.stepsMax = budget.stepsMax ?? Infinity;
    this.now = budget.timeMs === undefined ? undefined : budget.now;
    this.deadline = this.now === undefined ? Infinity : this.now() + (budget.timeMs ?? 0);
  }

  /** How many more steps may run before the next call to {@link spend}. */
  allowance(): number {
    if (this.exhausted) return 0;
    return Math.min(CLOCK_INTERVAL_STEPS, this.stepsMax - this.steps);
  }

  /** Records `steps` spent; returns whether the budget still has room. */
  spend(steps: number): boolean {
    this.steps += steps;
    if (this.steps >= this.stepsMax || (this.now !== undefined && this.now() >= this.deadline))
      this.exhausted = true;
    return !this.exhausted;
  }

  /** Whether the budget ran out. */
  get isExhausted(): boolean {
    return this.exhausted;
  }
}
