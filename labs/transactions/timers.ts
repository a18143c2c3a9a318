/** Client: resend the transaction, and ask the shard masters again, if no answer came. */
export interface TxnClientTimer {
  readonly kind: 'TxnClientTimer';
  readonly sequenceNumber: number;
  readonly attempt: number;
}

/** Client: after an abort, wait a random while before the next attempt (so rivals spread out). */
export interface TxnBackoffTimer {
  readonly kind: 'TxnBackoffTimer';
  readonly sequenceNumber: number;
  readonly attempt: number;
}

/** Server: resend prepares and decisions that are not answered, and time undecided ones out. */
export interface TwoPhaseTimer {
  readonly kind: 'TwoPhaseTimer';
}

/** How often a client retries (as DSLabs: 100 ms). */
export const TXN_CLIENT_RETRY_MILLIS = 100;
/**
 * A retry after an abort waits a random time up to this many ms, doubled for every abort
 * before it (exponential backoff: many rivals for the same keys spread out until one wins).
 */
export const TXN_BACKOFF_MILLIS = 5;
/** The number of doublings of {@link TXN_BACKOFF_MILLIS} at most (5 ms × 2^7 = 640 ms). */
export const TXN_BACKOFF_DOUBLINGS_MAX = 7;
/** How often a server resends unanswered 2PC messages. */
export const TWO_PHASE_RESEND_MILLIS = 50;
/** Resend periods a coordinator waits for the votes before aborting the attempt. */
export const TXN_TIMEOUT_PERIODS = 6;
