import { UsageError } from './usage-error.ts';

/** The largest seed: seeds are 31-bit, as DSLabs's are. */
export const SEED_MAX = 2 ** 31 - 1;

/** Parses `--seed`: a whole number, or `random` for a fresh one (printed with any failure). */
export function parseSeed(text: string): number {
  if (text === 'random') return Math.floor(Math.random() * SEED_MAX);
  if (!/^\d+$/.test(text) || Number(text) > SEED_MAX)
    throw new UsageError(
      `invalid seed ${JSON.stringify(text)}: use a whole number from 0 to ${SEED_MAX}, or "random"`,
    );
  return Number(text);
}
