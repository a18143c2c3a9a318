import { finalize } from '../core/hash.ts';

/**
 * A 64-bit digest of a text, as 16 hexadecimal digits. Traces digest every long message of a
 * run with it (and replay digests them again), so its speed is most of the speed of saving a
 * 100,000-event trace, whose long messages add up to hundreds of millions of characters.
 *
 * The text is hashed as its UTF-8 bytes, four at a time, in two independent lanes
 * (multiply-xorshift, as core/hash.ts): the engine's native `TextEncoder` flattens and
 * converts the text several times faster than a `charCodeAt` loop reads it, and a word per
 * step is a quarter of the steps. A text with a lone surrogate, which UTF-8 cannot carry (the
 * encoder would write U+FFFD for it, so two texts would share bytes), is hashed code unit by
 * code unit instead. The result is the same in every JavaScript engine and on any byte order:
 * words are assembled from bytes, not read through a typed array of the machine's order.
 */
export function textDigest(text: string): string {
  return LONE_SURROGATE.test(text) ? codeUnitDigest(text) : utf8Digest(text);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Bytes encoded per step: a long text is encoded a chunk at a time into one reused buffer. */
const CHUNK_BYTES = 1 << 16;
const encoder = new TextEncoder();
// Three spare bytes: a chunk's last 1–3 bytes (less than a word) move to the front of the next.
const chunk = new Uint8Array(CHUNK_BYTES + 3);

function utf8Digest(text: string): string {
  let high = 0x9e3779b9;
  let low = 0x85ebca6b;
  let totalBytes = 0;
  let carried = 0;
  let read = 0;
  do {
    const { read: charsRead = 0, written = 0 } = encoder.encodeInto(
      read === 0 ? text : text.slice(read),
      chunk.subarray(carried, carried + CHUNK_BYTES),
    );
    read += charsRead;
    totalBytes += written;
    const bytes = carried + written;
    const wholeWords = bytes - (bytes % 4);
    for (let index = 0; index < wholeWords; index += 4) {
      const word =
        chunk[index]! |
        (chunk[index + 1]! << 8) |
        (chunk[index + 2]! << 16) |
        (chunk[index + 3]! << 24);
      high = Math.imul(high ^ word, 0x01000193);
      low = Math.imul((low << 5) ^ (low >>> 27) ^ word, 0x5bd1e995);
    }
    carried = bytes - wholeWords;
    chunk.copyWithin(0, wholeWords, bytes);
  } while (read < text.length);
  let last = 0;
  for (let index = carried - 1; index >= 0; index--) last = (last << 8) | chunk[index]!;
  high = Math.imul(high ^ last ^ totalBytes, 0x01000193);
  low = Math.imul((low << 5) ^ (low >>> 27) ^ last ^ Math.imul(totalBytes, 0xc2b2ae35), 0x5bd1e995);
  return hex(high, low);
}

function codeUnitDigest(text: string): string {
  const length = text.length;
  // Other starting values than utf8Digest's: the two kinds of digest do not line up.
  let high = 0x27d4eb2f ^ length;
  let low = 0x165667b1 ^ Math.imul(length, 0xc2b2ae35);
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul((low << 5) ^ (low >>> 27) ^ code, 0x5bd1e995);
  }
  return hex(high, low);
}

function hex(high: number, low: number): string {
  const a = finalize(high ^ (low >>> 7));
  const b = finalize(low ^ Math.imul(high, 0x27d4eb2f));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
