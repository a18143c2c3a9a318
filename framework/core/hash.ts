/**
 * 64-bit string hashing for fingerprints, as two independent 32-bit lanes computed in one
 * pass (multiply-xorshift mixing in the style of MurmurHash3's finalizer). Fast in V8 and
 * identical in every JavaScript engine, which matters because fingerprints are compared
 * across runs.
 */
export interface Hash64 {
  readonly high: number;
  readonly low: number;
}

/** Hashes a string to 64 bits. */
export function hashString64(text: string): Hash64 {
  let high = 0x9e3779b9 ^ text.length;
  let low = 0x85ebca6b ^ Math.imul(text.length, 0xc2b2ae35);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul((low << 5) ^ (low >>> 27) ^ code, 0x5bd1e995);
  }
  return { high: finalize(high ^ (low >>> 7)), low: finalize(low ^ Math.imul(high, 0x27d4eb2f)) };
}

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit (unsigned). */
export function finalize(value: number): number {
  return finalizeInt32(value) >>> 0;
}

/**
 * The same finalizer as an int32: for hot paths that keep hashes in int32 lanes (a
 * function returning a number above 2^31 boxes it when not inlined).
 */
export function finalizeInt32(value: number): number {
  let h = value ^ (value >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A 64-bit hash as 16 hexadecimal digits. */
export function hashToHex(hash: Hash64): string {
  return hash.high.toString(16).padStart(8, '0') + hash.low.toString(16).padStart(8, '0');
}
