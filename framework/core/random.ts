import { hashString64 } from './hash.ts';

/**
 * The one source of randomness in tslabs: seedrandom's ARC4-based generator, identical on
 * every machine and engine, so a seed reproduces an execution anywhere.
 *
 * A generator is never keyed by the seed's text itself: ARC4's key schedule repeats a
 * short key, so the keys "1", "11" and "111" schedule identically, and a scheme such as
 * "seed + index" makes one test's second stream another seed's first. Every generator is
 * keyed instead by {@link streamKey}: a 128-bit hash of the seed and the stream's purpose,
 * so that different seeds, and different streams of one seed, are independent.
 *
 * This is seedrandom's algorithm (key mixing, ARC4 with the first 256 bytes dropped,
 * `quick()` from four bytes), written out so that seeding is cheap: a run seeds one
 * generator per `%r` substitution, and the library spends most of a seeding on work that
 * does not affect seeded output (closures, strings, its global entropy pool). The test
 * suite checks it against seedrandom itself, number for number.
 */
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
}

const WIDTH = 256;
const MASK = WIDTH - 1;
const TWO_TO_32 = 0x100000000;

/**
 * The generator of one stream of a seeded execution. `purpose` names the stream (a
 * simulation of a test, the random probes of a search, one command's `%r`), so that two
 * streams of the same seed draw unrelated numbers.
 */
export function seededRandom(seed: string | number, purpose = ''): RandomSource {
  return new Arc4Random(streamKey(seed, purpose));
}

/** Bytes of a stream key: ARC4 takes up to 256, and 16 (128 bits) make collisions negligible. */
const KEY_BYTES = 16;

/**
 * The ARC4 key of the stream `(seed, purpose)`: 16 bytes, one character each (codes 0–255,
 * which seedrandom's key mixing keeps as they are), from two 64-bit hashes. The seed's
 * length is hashed first so that no other (seed, purpose) pair spells the same text.
 * Every key has the same length, so no key is another's repetition.
 */
export function streamKey(seed: string | number, purpose = ''): string {
  const seedText = String(seed);
  const text = `${seedText.length}:${seedText}/${purpose}`;
  const first = hashString64(text);
  const second = hashString64(`${text}#`);
  const words = [first.high, first.low, second.high, second.low];
  let key = '';
  for (let index = 0; index < KEY_BYTES; index++) {
    const word = words[index >> 2] as number;
    key += String.fromCharCode((word >>> ((index & 3) * 8)) & MASK);
  }
  return key;
}

/** Scratch state for {@link firstNumbers}, reused by every call. */
const SCRATCH = new Uint8Array(WIDTH);

/**
 * The first `count` numbers of `seededRandom(seed, purpose)`, computed in one reused
 * state. For callers that need a few numbers from each of many streams (a `%r` per
 * command): a generator's 256-entry state per stream is most of the garbage of a run.
 */
export function firstNumbers(seed: string | number, purpose: string, count: number): number[] {
  const s = SCRATCH;
  const indices = initialize(s, streamKey(seed, purpose));
  let i = indices & MASK;
  let j = indices >>> 8;
  const numbers: number[] = [];
  for (let drawn = 0; drawn < count; drawn++) {
    let value = 0;
    for (let byte = 0; byte < 4; byte++) {
      i = MASK & (i + 1);
      const t = s[i] as number;
      j = MASK & (j + t);
      const swapped = s[j] as number;
      s[i] = swapped;
      s[j] = t;
      value = value * WIDTH + (s[MASK & (swapped + t)] as number);
    }
    numbers.push(value / TWO_TO_32);
  }
  return numbers;
}

class Arc4Random implements RandomSource {
  private readonly state = new Uint8Array(WIDTH);
  private i: number;
  private j: number;

  constructor(key: string) {
    const indices = initialize(this.state, key);
    this.i = indices & MASK;
    this.j = indices >>> 8;
  }

  next(): number {
    // Four bytes, most significant first, as seedrandom's quick() does: exact in a double.
    const high = this.nextByte();
    const second = this.nextByte();
    const third = this.nextByte();
    const low = this.nextByte();
    return (((high * WIDTH + second) * WIDTH + third) * WIDTH + low) / TWO_TO_32;
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability >= 1 || (probability > 0 && this.next() < probability);
  }

  private nextByte(): number {
    const s = this.state;
    const i = (this.i = MASK & (this.i + 1));
    const t = s[i] as number;
    const j = (this.j = MASK & (this.j + t));
    const swapped = s[j] as number;
    s[i] = swapped;
    s[j] = t;
    return s[MASK & (swapped + t)] as number;
  }
}

/**
 * Seeds an ARC4 state as seedrandom does: the key schedule, then the first 256 bytes of
 * the stream dropped (RC4-drop[256]). Returns the stream's indices, `i` in the low byte
 * and `j` above it, so that no object is allocated per seeding.
 */
function initialize(s: Uint8Array, keyText: string): number {
  const key = mixKey(keyText);
  const keyLength = key.length;
  for (let index = 0; index < WIDTH; index++) s[index] = index;
  let j = 0;
  for (let index = 0; index < WIDTH; index++) {
    const t = s[index] as number;
    j = MASK & (j + (key[index % keyLength] as number) + t);
    s[index] = s[j] as number;
    s[j] = t;
  }
  let i = 0;
  j = 0;
  for (let dropped = 0; dropped < WIDTH; dropped++) {
    i = MASK & (i + 1);
    const t = s[i] as number;
    j = MASK & (j + t);
    s[i] = s[j] as number;
    s[j] = t;
  }
  return i | (j << 8);
}

/**
 * seedrandom's `mixkey`: folds the seed's characters into a key of at most 256 bytes. An
 * empty seed gives the key [0], as in seedrandom.
 */
function mixKey(seed: string): number[] {
  const key: number[] = [];
  let smear = 0;
  for (let index = 0; index < seed.length; index++) {
    // A key slot not yet written mixes in nothing (seedrandom's `undefined * 19` is NaN, which `^`
    // reads as 0).
    const previous = key[MASK & index];
    smear ^= previous === undefined ? 0 : previous * 19;
    key[MASK & index] = MASK & (smear + seed.charCodeAt(index));
  }
  if (key.length === 0) key.push(0);
  return key;
}
