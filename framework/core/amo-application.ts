import type { Address } from './address.ts';
import type { Application } from './application.ts';
import type { Command, Result } from './message.ts';
import { registerStateClass } from './state-classes.ts';

/**
 * A client's command tagged with who sent it and its sequence number.
 *
 * @example
 * ```ts
 * const request: AMOCommand<KVCommand> = amoCommand(command, this.address, ++this.sequenceNumber);
 * ```
 */
export interface AMOCommand<C extends Command = Command> {
  readonly kind: 'AMOCommand';
  readonly command: C;
  readonly client: Address;
  readonly sequenceNumber: number;
}

/**
 * The result of an {@link AMOCommand}, tagged with the same sequence number.
 *
 * @example
 * ```ts
 * if (reply.result.sequenceNumber === this.sequenceNumber) this.result = reply.result.result;
 * ```
 */
export interface AMOResult<R extends Result = Result> {
  readonly kind: 'AMOResult';
  readonly result: R;
  readonly sequenceNumber: number;
}

/**
 * Builds an {@link AMOCommand}.
 *
 * @example
 * ```ts
 * this.send({ kind: 'Request', command: amoCommand(command, this.address, 1) }, server);
 * ```
 */
export function amoCommand<C extends Command>(
  command: C,
  client: Address,
  sequenceNumber: number,
): AMOCommand<C> {
  return { kind: 'AMOCommand', command, client, sequenceNumber };
}

/**
 * At-most-once semantics over any application. Clients number their commands and have at
 * most one outstanding at a time, so for each client only the latest result can still be
 * asked for: older results are forgotten, which bounds the wrapper's memory by the number
 * of clients rather than the number of commands.
 *
 * @example
 * ```ts
 * private readonly application = new AMOApplication<KVCommand, KVResult>(new KVStore());
 *
 * handleRequest(request: Request, sender: Address): void {
 *   const result = this.application.execute(request.command);
 *   if (result !== undefined) this.send({ kind: 'Reply', result }, sender);
 * }
 * ```
 */
export class AMOApplication<C extends Command = Command, R extends Result = Result> {
  private readonly latestByClient = new Map<Address, AMOResult<R>>();

  constructor(readonly application: Application<C, R>) {}

  /**
   * Executes a command unless it was executed before. A repeat of the latest command gets
   * the stored result; a command older than that gets `undefined`, since its client has
   * already moved on and will never read the answer.
   */
  execute(command: AMOCommand<C>): AMOResult<R> | undefined {
    const latest = this.latestByClient.get(command.client);
    if (latest !== undefined && command.sequenceNumber <= latest.sequenceNumber) {
      return command.sequenceNumber === latest.sequenceNumber ? latest : undefined;
    }
    const result: AMOResult<R> = {
      kind: 'AMOResult',
      result: this.application.execute(command.command),
      sequenceNumber: command.sequenceNumber,
    };
    this.latestByClient.set(command.client, result);
    return result;
  }

  /** Whether this command (or a later one of its client) has already been executed. */
  alreadyExecuted(command: AMOCommand<C>): boolean {
    const latest = this.latestByClient.get(command.client);
    return latest !== undefined && command.sequenceNumber <= latest.sequenceNumber;
  }
}
registerStateClass('AMOApplication', AMOApplication);
