/**
 * The concurrency-control variants of lab 4 part 3, chosen per run with `--variant`:
 *
 * - `2pl-no-wait`: two-phase locking; a participant locks a transaction's keys at prepare and
 *   votes no at once if another transaction holds one of them (the client retries).
 */
export type ConcurrencyControl = '2pl-no-wait';

/** The variants, as the lab lists them; the first is the default. */
export const CONCURRENCY_CONTROLS: readonly ConcurrencyControl[] = ['2pl-no-wait'];

/** The variant a test runs: the one named, or the default. */
export function concurrencyControl(name: string | undefined): ConcurrencyControl {
  if (name === undefined) return '2pl-no-wait';
  const found = CONCURRENCY_CONTROLS.find((variant) => variant === name);
  if (found === undefined)
    throw new RangeError(
      `unknown concurrency control ${JSON.stringify(name)} (variants: ${CONCURRENCY_CONTROLS.join(', ')})`,
    );
  return found;
}
