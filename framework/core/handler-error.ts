import type { Address } from './address.ts';
import { labFrames } from './error-origin.ts';

/** Where a handler ran when it threw: a run's simulator, or a search's model. */
export type HandlerMode = 'run' | 'search';

/** What a {@link HandlerError} says about the handler that threw. */
export interface HandlerFailure {
  readonly mode: HandlerMode;
  /** The node whose handler threw. */
  readonly node: Address;
  /** The handler: `init`, `handlePing`, `onRetryTimer`. */
  readonly handler: string;
  /** The event the handler ran on, described; none for a node's first `init()`. */
  readonly event?: string;
  /** In a run: the simulated time, in ms. */
  readonly timeMs?: number;
  /** What the handler threw. */
  readonly cause: unknown;
}

/**
 * A node's handler threw, in a run or in a search. A run stops with it and its test fails; a
 * search reports it as an exception finding, its path ending with the event. `cause` is
 * what the handler threw; {@link HandlerError.labFrames} is where, in the lab's own files.
 *
 * @example
 * ```ts
 * try {
 *   simulation.runFor(1000);
 * } catch (error) {
 *   if (error instanceof HandlerError) console.log(error.node, error.handler, error.labFrames);
 *   throw error;
 * }
 * ```
 */
export class HandlerError extends Error implements HandlerFailure {
  override readonly name = 'HandlerError';
  readonly mode: HandlerMode;
  readonly node: Address;
  readonly handler: string;
  readonly event: string | undefined;
  readonly timeMs: number | undefined;
  override readonly cause: unknown;

  constructor(failure: HandlerFailure) {
    super(handlerErrorMessage(failure));
    this.mode = failure.mode;
    this.node = failure.node;
    this.handler = failure.handler;
    this.event = failure.event;
    this.timeMs = failure.timeMs;
    this.cause = failure.cause;
  }

  /**
   * The stack of `cause` trimmed to the lab's frames (`at name (file:line:column)`, innermost
   * first), without the framework's dispatch around them; empty when its stack names none.
   */
  get labFrames(): string[] {
    return labFrames(this.cause);
  }
}

/** `server threw in handlePing on client -> server {…} at 12.5 ms: TypeError: …`. */
function handlerErrorMessage(failure: HandlerFailure): string {
  const cause = failure.cause;
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  const on = failure.event === undefined ? '' : ` on ${failure.event}`;
  const at = failure.timeMs === undefined ? '' : ` at ${failure.timeMs} ms`;
  return `${failure.node} threw in ${failure.handler}${on}${at}: ${reason}`;
}
