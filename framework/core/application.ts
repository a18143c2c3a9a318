import type { Command, Result } from './message.ts';

/**
 * A deterministic state machine: the same commands in the same order give the same
 * results. Replicated services (primary-backup, Paxos) keep replicas in step by executing
 * the same commands in the same order on one.
 *
 * @example
 * ```ts
 * export class Counter implements Application<Increment, Count> {
 *   private count = 0;
 *   execute(command: Increment): Count {
 *     this.count += command.by;
 *     return { kind: 'Count', count: this.count };
 *   }
 * }
 * ```
 */
export interface Application<C extends Command = Command, R extends Result = Result> {
  execute(command: C): R;
}
