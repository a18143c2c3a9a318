import { checkThat, type Simulation } from '../../../framework/testing.ts';
import type { TxnResult } from '../../kvstore/index.ts';

/** The MultiGet results in the simulation's history, each with the client that got it. */
export function multiGetResults(
  simulation: Simulation,
): { client: string; values: Readonly<Record<string, string | null>> }[] {
  return simulation.history.flatMap((event) => {
    const result = event.value as TxnResult | undefined;
    return event.type === 'return' && result?.kind === 'MultiGetResult'
      ? [{ client: event.client, values: result.values }]
      : [];
  });
}

/**
 * Fails unless every MultiGet saw all or nothing of each MultiPut: since every MultiPut of the
 * test writes one value to all its keys, every MultiGet must read one value (or none) for all.
 */
export function checkAllOrNothing(simulation: Simulation): void {
  for (const { client, values } of multiGetResults(simulation)) {
    const seen = new Set(Object.values(values));
    checkThat(
      seen.size <= 1,
      `${client} read ${JSON.stringify(values)}: parts of different MultiPuts`,
    );
  }
}
