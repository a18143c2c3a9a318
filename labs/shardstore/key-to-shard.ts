/**
 * The shard of `key` among shards 1..`shardCount`, by DSLabs's rule: a key that ends in digits
 * (`key-10`) goes to that number modulo N, so tests can aim keys at shards; any other key goes
 * to its string hash modulo N (digits are ASCII digits here; Java also takes other Unicode
 * digits). A remainder of 0 (or a negative one) is shifted up by N, so the
 * answer is always in 1..N. The arithmetic is Java's 32-bit int arithmetic (Java's
 * `String.hashCode` for the hash), so keys land on the same shards as in DSLabs.
 */
export function keyToShard(key: string, shardCount: number): number {
  let digitsFrom = key.length;
  while (digitsFrom > 0 && isDigit(key.charCodeAt(digitsFrom - 1))) digitsFrom--;
  let hash = 0;
  if (digitsFrom < key.length) {
    for (let index = digitsFrom; index < key.length; index++)
      hash = (Math.imul(hash, 10) + (key.charCodeAt(index) - ZERO)) | 0;
  } else {
    for (let index = 0; index < key.length; index++)
      hash = (Math.imul(hash, 31) + key.charCodeAt(index)) | 0;
  }
  const remainder = hash % shardCount;
  return remainder <= 0 ? remainder + shardCount : remainder;
}

const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}
