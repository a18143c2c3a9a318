import { UsageError } from './usage-error.ts';

/** One share of a run split across machines: shard `index` of `count`, counted from 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `--shard i/N` (the convention of vitest and Playwright): whole numbers with
 * 1 ≤ i ≤ N. Anything else (`3/2`, `0/4`, `a/b`) is a usage error naming the rule.
 */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw new UsageError('give --shard once, as i/N');
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && index >= 1 && index <= count))
    throw new UsageError(
      `invalid --shard ${JSON.stringify(text)}: give i/N with 1 ≤ i ≤ N, e.g. --shard 2/4`,
    );
  return { index, count };
}

/**
 * The items of `shard`, dealt round-robin in the order given: the k-th item (from 0) goes to
 * shard k mod N + 1. Dealing rather than cutting the list in runs keeps each lab's long search
 * tests spread over the shards; the share depends only on the list, so every machine that
 * builds the same list runs a disjoint share, and together they run all of it.
 */
export function shareOf<Item>(items: readonly Item[], shard: Shard | undefined): Item[] {
  if (shard === undefined) return [...items];
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}
