import { finalize } from '../core/hash.ts';

/**
 * A 64-bit digest of a text, as 16 hexadecimal digits: its UTF-16 code units mixed two at a
 * time in two independent lanes (multiply-xorshift, as core/hash.ts). Traces digest every
 * long message of a run with it, so its speed is much of the speed of saving a trace; it is
 * the same in every JavaScript engine.
 */
export function textDigest(text: string): string {
  const length = text.length;
  let high = 0x9e3779b9 ^ length;
  let low = 0x85ebca6b ^ Math.imul(length, 0xc2b2ae35);
  const pairs = length - (length % 2);
  for (let index = 0; index < pairs; index += 2) {
    const word = text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16);
    high = Math.imul(high ^ word, 0x01000193);
    low = Math.imul((low << 5) ^ (low >>> 27) ^ word, 0x5bd1e995);
  }
  if (pairs < length) {
    const last = text.charCodeAt(pairs);
    high = Math.imul(high ^ last, 0x01000193);
    low = Math.imul((low << 5) ^ (low >>> 27) ^ last, 0x5bd1e995);
  }
  const a = finalize(high ^ (low >>> 7));
  const b = finalize(low ^ Math.imul(high, 0x27d4eb2f));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
