import { seededRandom } from '../../core/random.ts';
import type { Model } from '../model.ts';
import type { Predicate } from '../predicate.ts';
import { randomProbeSearch, type RandomProbeOptions } from '../random-probe-search.ts';
import { isFinding, type SearchResult } from '../search-result.ts';

const SEED_MAX = 2 ** 31 - 1;
/** No finding yet: later than every probe's place in the order. */
const NOTHING_FOUND = BigInt(Number.MAX_SAFE_INTEGER) * 1024n;

/**
 * Which worker of how many runs a share of random probes, and the board the workers post
 * their earliest finding on.
 */
export interface ProbeShare {
  readonly worker: number;
  readonly workers: number;
  readonly board: ProbeBoard;
}

/**
 * The earliest finding of the workers of one parallel random search, in the order of
 * {@link probeOrder}, kept in shared memory so that each worker reads it before every probe
 * without a message (the workers run synchronous searches, which receive none).
 */
export class ProbeBoard {
  private readonly earliestOrder: BigInt64Array;

  /** A new board, or (with the buffer of a board made in another thread) the same board. */
  constructor(readonly buffer: SharedArrayBuffer = ProbeBoard.newBuffer()) {
    this.earliestOrder = new BigInt64Array(buffer, 0, 1);
  }

  private static newBuffer(): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
    new BigInt64Array(buffer)[0] = NOTHING_FOUND;
    return buffer;
  }

  /** The order of the earliest finding posted so far. */
  earliest(): bigint {
    return Atomics.load(this.earliestOrder, 0);
  }

  /** Posts a finding at `order`; the board keeps the earlier of it and what it had. */
  post(order: bigint): void {
    for (;;) {
      const current = Atomics.load(this.earliestOrder, 0);
      if (current <= order) return;
      if (Atomics.compareExchange(this.earliestOrder, 0, current, order) === current) return;
    }
  }
}

/**
 * The place of worker `worker`'s probe `probe` in the common order of a parallel random
 * search: probe by probe, and within a probe number by worker. The search's finding is the
 * earliest one in this order, so it does not depend on which thread ran faster: a worker
 * stops only at probes that come after a finding already posted, and every probe before
 * the earliest finding is run by its worker.
 */
export function probeOrder(probe: number, worker: number, workers: number): bigint {
  return BigInt(probe) * BigInt(workers) + BigInt(worker);
}

/**
 * The seed of worker `worker` of `workers`: its own stream of the test's seed, so that the
 * same seed and worker count give the same probes, and different workers different ones.
 * One worker is today's search, with the test's seed itself.
 */
export function probeShareSeed(seed: number, worker: number, workers: number): number {
  if (workers === 1) return seed;
  return seededRandom(seed, `random probes, worker ${worker + 1} of ${workers}`).integer(
    0,
    SEED_MAX,
  );
}

/**
 * Runs one worker's share of a parallel random search: random probes from its own seed,
 * each asked first whether an earlier finding was posted; a finding is posted for the others
 * before it is returned. The result's `probes` counts this worker's probes; a finding
 * happened in its last one.
 */
export function runProbeShare<State, Event>(
  model: Model<State, Event>,
  predicates: readonly Predicate<State>[],
  options: RandomProbeOptions<State, Event>,
  share: ProbeShare,
): SearchResult<State, Event> {
  const { worker, workers, board } = share;
  const result = randomProbeSearch(model, predicates, {
    ...options,
    seed: probeShareSeed(options.seed, worker, workers),
    beforeProbe: (probe) =>
      probeOrder(probe, worker, workers) < board.earliest() &&
      (options.beforeProbe?.(probe) ?? true),
  });
  if (isFinding(result)) board.post(findingOrder(result, share));
  return result;
}

/** The place of a share's finding in the common order (see {@link probeOrder}). */
export function findingOrder(
  result: { readonly probes?: number },
  share: Omit<ProbeShare, 'board'>,
): bigint {
  return probeOrder((result.probes ?? 1) - 1, share.worker, share.workers);
}
