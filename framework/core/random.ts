import seedrandom from 'seedrandom';

/**
 * The one source of randomness in tslabs: seedrandom's ARC4-based generator, identical on
 * every machine and engine, so a seed reproduces an execution anywhere.
 */
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
}

/** A generator seeded by any text (a number, or a seed and the name of a stream). */
export function seededRandom(seed: string | number): RandomSource {
  const generator = seedrandom(String(seed));
  return {
    next: () => generator.quick(),
    integer: (min, max) => min + Math.floor(generator.quick() * (max - min + 1)),
    chance: (probability) => probability >= 1 || (probability > 0 && generator.quick() < probability),
  };
}
