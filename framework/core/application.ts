import type { Command, Result } from './message.ts';

/**
 * A deterministic state machine: the same commands in the same order give the same
 * results. Replicated services (primary-backup, Paxos) keep replicas in step by executing
 * the same commands in the same order on one.
 */
export interface Application<C extends Command = Command, R extends Result = Result> {
  execute(command: C): R;
}
