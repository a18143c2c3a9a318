import type { Address } from './address.ts';
import type { Message, Timer } from './message.ts';

/**
 * Where a running handler's effects go. Handlers never perform I/O: `send`, `broadcast`
 * and `set` only record, and the engine that invoked the handler (the simulator or the
 * model checker) performs them after the handler returns.
 */
export interface EffectSink {
  send(from: Address, to: Address, message: Message): void;
  setTimer(owner: Address, timer: Timer, minMicros: number, maxMicros: number): void;
  /** Simulated time in microseconds, for the history a client worker records. */
  nowMicros(): number;
  /** Receives each command a client worker invokes and each result it receives. */
  recordHistory?(entry: HistoryEvent): void;
}

/** One invocation or response seen by a client worker, in simulated time. */
export interface HistoryEvent {
  readonly type: 'invoke' | 'return';
  readonly client: Address;
  readonly index: number;
  readonly value: unknown;
  readonly timeMicros: number;
}

/** Thrown when a node tries to send or set a timer outside a handler (in its constructor, say). */
export class NoHandlerRunningError extends Error {
  override readonly name = 'NoHandlerRunningError';
}

let currentSink: EffectSink | undefined;

/**
 * Makes `sink` receive every effect until `leaveEffects` (in a `finally`) restores the outer
 * sink this returns: a pair instead of a function taking a closure, for an engine's hot loop.
 */
export function enterEffects(sink: EffectSink): EffectSink | undefined {
  const outer = currentSink;
  currentSink = sink;
  return outer;
}

export function leaveEffects(outer: EffectSink | undefined): void {
  currentSink = outer;
}

/** The sink of the handler that is running now. */
export function currentEffects(): EffectSink {
  if (currentSink === undefined) {
    throw new NoHandlerRunningError(
      'send, broadcast and set may only be called from init() or a handler',
    );
  }
  return currentSink;
}
