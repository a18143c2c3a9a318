import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { UsageError } from './usage-error.ts';

const BYTES_PER_UNIT = new Map([
  ['', 2 ** 20],
  ['k', 2 ** 10],
  ['m', 2 ** 20],
  ['g', 2 ** 30],
]);
/** Of V8's heap limit: past it a collection can no longer find room, and the process dies. */
const HEAP_LIMIT_SHARE = 0.75;
/** Of the machine's memory: a search should leave the rest of the machine room. */
const MACHINE_MEMORY_SHARE = 0.5;

/**
 * The default `--max-memory`: what this process can use before V8 gives up (three quarters
 * of its heap limit) or the machine starts to swap (half its memory), whichever is less.
 */
export function defaultMemoryLimitBytes(): number {
  return Math.floor(
    Math.min(
      getHeapStatistics().heap_size_limit * HEAP_LIMIT_SHARE,
      totalmem() * MACHINE_MEMORY_SHARE,
    ),
  );
}

/** Parses `--max-memory`: a number of MiB, or a number with a unit (`512M`, `2G`, `800000K`). */
export function parseMemoryLimit(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(text);
  const unit = BYTES_PER_UNIT.get(match?.[2]?.toLowerCase() ?? '');
  if (match === null || unit === undefined || !(Number(match[1]) > 0)) {
    throw new UsageError(
      `--max-memory takes a size such as 512M or 2G (MiB without a unit), not ${JSON.stringify(text)}`,
    );
  }
  return Math.floor(Number(match[1]) * unit);
}

/**
 * The process's memory in use, as a memory limit counts it: V8's heap and the array buffers outside
 * it.
 */
export function memoryInUseBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
