import type { AMOCommand, AMOResult, Command, Result } from '../../framework/index.ts';

/**
 * What a Paxos server replicates: an application with at-most-once semantics, on which every
 * server executes the chosen commands in slot order. Lab 3 replicates the key-value store in
 * an `AMOApplication`; lab 4 replicates a shard master the same way, and a replica group's
 * sharded state (which deduplicates per shard).
 *
 * @example
 * ```ts
 * const server = new PaxosServer<KVCommand, KVResult>(
 *   address, servers, 'optimized', new AMOApplication(new KVStore()),
 * );
 * ```
 */
export interface ReplicatedApplication<C extends Command, R extends Result> {
  /**
   * Executes a chosen command unless it was executed before; the result to send to its client,
   * or undefined when there is none to send (see `AMOApplication.execute`).
   */
  execute(command: AMOCommand<C>): AMOResult<R> | undefined;
  /** Whether this command (or a later one of its client) has already been executed. */
  alreadyExecuted(command: AMOCommand<C>): boolean;
}
