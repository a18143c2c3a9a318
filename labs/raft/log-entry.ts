/**
 * One entry of a Raft log: a command, and the term of the leader that created it. Entries
 * are replaced, never modified.
 */
export interface LogEntry<C = unknown> {
  readonly term: number;
  readonly command: C;
}

/** What a key-value leader appends when elected, to commit its predecessors' entries with it. */
export interface NoOp {
  readonly kind: 'NoOp';
}

/** The one no-op value. */
export const NO_OP: NoOp = { kind: 'NoOp' };
