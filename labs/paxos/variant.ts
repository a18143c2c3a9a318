/**
 * The two variants of the lab: one server core (`paxos-server.ts`) and a leader strategy each
 * (`basic-leader.ts`, `optimized-leader.ts`):
 *
 * - `basic`: every command goes through both phases — prepare/promise for its slot, then
 *   accept/accepted — one slot at a time, and the leader announces each decision;
 * - `optimized`: Multi-Paxos. Phase 1 runs once per leader for every slot; each command
 *   then takes one round trip, many slots are in flight at once, and followers learn what
 *   was chosen from the commit point that accepts and heartbeats carry.
 */
export type PaxosVariant = 'basic' | 'optimized';

/** The variants, as the lab lists them; the first is the default. */
export const PAXOS_VARIANTS: readonly PaxosVariant[] = ['optimized', 'basic'];

/** The variant a test runs: the one named, or the default. */
export function paxosVariant(name: string | undefined): PaxosVariant {
  if (name === undefined) return 'optimized';
  const found = PAXOS_VARIANTS.find((variant) => variant === name);
  if (found === undefined)
    throw new RangeError(
      `unknown Paxos variant ${JSON.stringify(name)} (variants: ${PAXOS_VARIANTS.join(', ')})`,
    );
  return found;
}
