import type { Address, Node } from '../../framework/index.ts';
import type { RaftRoleName } from './raft-role.ts';

/**
 * What a Raft server shows tests, invariants and benchmarks of its state. Indices are numbered
 * from 1; index 0 is the empty prefix every log starts with.
 */
export interface RaftInspection {
  term(): number;
  role(): RaftRoleName;
  /** Whom this server voted for in its current term, or null. */
  vote(): Address | null;
  /** The index of the last entry of the log (snapshot included); 0 when empty. */
  lastLogIndex(): number;
  /** The last index the snapshot covers (0: no snapshot); entries up to it are compacted away. */
  snapshotIndex(): number;
  /**
   * The term of the entry at `index`; 0 for index 0; undefined beyond the log or for an index
   * compacted into the snapshot other than the snapshot's last one.
   */
  termAt(index: number): number | undefined;
  /** The command at `index`, if the log still holds it. */
  commandAt(index: number): unknown;
  /** The highest index known to be committed. */
  commitIndex(): number;
}

/** A Raft server node, as the tests see it. */
export type RaftServerNode = Node & RaftInspection;
