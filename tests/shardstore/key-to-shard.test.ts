import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyToShard } from '../../labs/shardstore/key-to-shard.ts';

/** Java's String.hashCode, computed with BigInt as the brute-force oracle. */
function javaHashCode(text: string): number {
  let hash = 0n;
  for (let index = 0; index < text.length; index++)
    hash = BigInt.asIntN(32, hash * 31n + BigInt(text.charCodeAt(index)));
  return Number(hash);
}

function javaShard(hash: number, shardCount: number): number {
  const remainder = hash % shardCount;
  return remainder <= 0 ? remainder + shardCount : remainder;
}

describe('keyToShard', () => {
  it('sends a key ending in digits to that number modulo N, 0 becoming N', () => {
    expect(keyToShard('key-1', 10)).toBe(1);
    expect(keyToShard('key-10', 10)).toBe(10);
    expect(keyToShard('key-23', 10)).toBe(3);
    expect(keyToShard('7', 100)).toBe(7);
    expect(keyToShard('a0', 3)).toBe(3);
  });

  it('hashes other keys as Java does: "foo" has hash 101574, so shard 4 of 10', () => {
    expect(javaHashCode('foo')).toBe(101574);
    expect(keyToShard('foo', 10)).toBe(4);
    expect(keyToShard('', 10)).toBe(10);
  });

  it('matches the oracle and stays in 1..N for any key and N', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (key, n) => {
        const trailing = /\d+$/.exec(key)?.[0];
        const hash =
          trailing === undefined ? javaHashCode(key) : Number(BigInt.asIntN(32, BigInt(trailing)));
        const shard = keyToShard(key, n);
        expect(shard).toBe(javaShard(hash, n));
        expect(shard >= 1 && shard <= n).toBe(true);
      }),
    );
  });
});
