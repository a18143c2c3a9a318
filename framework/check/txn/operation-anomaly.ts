import type { OperationAnomalyType } from './anomaly-types.ts';

/** An anomaly found by looking at operations (no cycle): which transactions, and why. */
export interface OperationAnomaly {
  readonly type: OperationAnomalyType;
  /** The transactions involved, by id. */
  readonly transactions: readonly number[];
  /** One sentence a person can follow. */
  readonly explanation: string;
}

/**
 * Counts operation anomalies of each type and keeps the first few of each as examples, so
 * that a history with a million bad reads costs a counter, not a million sentences.
 */
export class OperationAnomalyCollector {
  private readonly counts = new Map<OperationAnomalyType, number>();
  private readonly examples = new Map<OperationAnomalyType, OperationAnomaly[]>();

  constructor(private readonly examplesMax: number) {}

  /** Records one anomaly; `explain` runs only when it is kept as an example. */
  add(type: OperationAnomalyType, transactions: readonly number[], explain: () => string): void {
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    let kept = this.examples.get(type);
    if (kept === undefined) {
      kept = [];
      this.examples.set(type, kept);
    }
    if (kept.length < this.examplesMax) kept.push({ type, transactions, explanation: explain() });
  }

  /** How many of each type were found. */
  countOf(type: OperationAnomalyType): number {
    return this.counts.get(type) ?? 0;
  }

  /** The kept examples of a type. */
  examplesOf(type: OperationAnomalyType): readonly OperationAnomaly[] {
    return this.examples.get(type) ?? [];
  }
}
