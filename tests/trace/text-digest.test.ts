import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalize } from '../../framework/core/hash.ts';
import { textDigest } from '../../framework/trace/text-digest.ts';

describe('textDigest', () => {
  it('is pinned: traces saved on one machine replay on another', () => {
    expect(textDigest('')).toBe('65592033044a9f6d');
    expect(textDigest('{4:kind=s5:Reply}')).toBe('d4a9b02f42630c73');
    expect(textDigest('€'.repeat(30_000))).toBe('3cf035247b176aa2');
    expect(textDigest('a\uD800b')).toBe('71d6eb1ebc03e182');
  });

  it('tells apart texts that differ in one character anywhere, across chunk boundaries', () => {
    // 3-byte characters put the 64 KiB chunk boundaries inside the text, at odd byte offsets.
    const base = `${'€'.repeat(25_000)}${'a'.repeat(70_000)}😀${'b'.repeat(3)}`;
    const digests = new Set<string>([textDigest(base)]);
    for (const position of [0, 21_845, 21_846, 25_000, 65_536, 90_000, base.length - 1]) {
      const changed = `${base.slice(0, position)}x${base.slice(position + 1)}`;
      digests.add(textDigest(changed));
    }
    expect(digests.size).toBe(8);
    // Built another way (a rope, then flat), the same text has the same digest.
    expect(textDigest(['€'.repeat(25_000), 'a'.repeat(70_000), '😀bbb'].join(''))).toBe(
      textDigest(base),
    );
  });

  it('tells apart lone surrogates, which UTF-8 would write as the same U+FFFD', () => {
    const [high, low, replacement] = ['a\uD800b', 'a\uDC00b', 'a\uFFFDb'];
    expect(new Set([textDigest(high), textDigest(low), textDigest(replacement)]).size).toBe(3);
  });

  it('gives different digests to different texts (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        if (a !== b) expect(textDigest(a)).not.toBe(textDigest(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('digests the UTF-8 bytes of the whole text, whatever the chunk boundaries cut', () => {
    // 2- and 3-byte characters put the 64 KiB chunk boundaries at every offset within a word.
    for (const tail of ['', 'y', 'yz', 'yzw', '😀'])
      for (const lead of ['', 'a', 'ab', 'abc']) {
        const text = `${lead}${'ä'.repeat(40_000)}${'€'.repeat(40_000)}${tail}`;
        expect(textDigest(text)).toBe(wholeTextDigest(text));
      }
  });
});

/**
 * The digest's definition, on the whole text's bytes at once: words of four bytes, least
 * significant first, the last 0–3 bytes and the byte count mixed in at the end.
 */
function wholeTextDigest(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array(bytes.length + 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let [high, low] = [0x9e3779b9, 0x85ebca6b];
  const whole = bytes.length - (bytes.length % 4);
  const mix = (word: number, count: number): void => {
    high = Math.imul(high ^ word ^ count, 0x01000193);
    low = Math.imul((low << 5) ^ (low >>> 27) ^ word ^ Math.imul(count, 0xc2b2ae35), 0x5bd1e995);
  };
  for (let index = 0; index < whole; index += 4) mix(view.getInt32(index, true), 0);
  mix(view.getInt32(whole, true), bytes.length);
  return [finalize(high ^ (low >>> 7)), finalize(low ^ Math.imul(high, 0x27d4eb2f))]
    .map((part) => part.toString(16).padStart(8, '0'))
    .join('');
}
