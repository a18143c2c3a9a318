/**
 * A polynomial string hash that can be extended without rescanning: the hash of `a + b`
 * follows from the hashes of `a` and `b` and the length of `b`. The KV specifications use
 * it so that an append costs time in the appended text, not in the whole value. It is a
 * hash, not an identity: equal hashes are always confirmed by comparing the strings.
 */

const BASE = 0x01000193;
const POWERS_CACHED = 4096;
const powers = new Int32Array(POWERS_CACHED);
powers[0] = 1;
for (let exponent = 1; exponent < POWERS_CACHED; exponent++)
  powers[exponent] = Math.imul(powers[exponent - 1] as number, BASE);

/** The hash of `text`. */
export function polynomialHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++)
    hash = (Math.imul(hash, BASE) + text.charCodeAt(index)) | 0;
  return hash;
}

/** The hash of `a + b`, from the hash of `a` and the hash and length of `b`. */
export function concatenatedHash(hashA: number, hashB: number, lengthB: number): number {
  return (Math.imul(hashA, basePower(lengthB)) + hashB) | 0;
}

/** BASE to the power `exponent`, modulo 2^32. */
function basePower(exponent: number): number {
  if (exponent < POWERS_CACHED) return powers[exponent] as number;
  let result = 1;
  let factor = BASE;
  for (let rest = exponent; rest > 0; rest >>>= 1) {
    if ((rest & 1) === 1) result = Math.imul(result, factor);
    factor = Math.imul(factor, factor);
  }
  return result;
}
