import type { Address } from '../core/address.ts';
import { jsonReplacer } from '../core/json-replacer.ts';
import type { Message, Timer } from '../core/message.ts';
import { describeControl, type ControlEvent } from './control-event.ts';

/**
 * One thing that happened in a simulated run, in the order it happened. The list of these
 * (without sends, which only the log shows) is what a run trace stores, and what replay
 * compares against to find divergence.
 */
export type SimulationEvent =
  | {
      readonly type: 'send';
      readonly timeMicros: number;
      readonly from: Address;
      readonly to: Address;
      readonly message: Message;
    }
  | {
      readonly type: 'deliver';
      readonly timeMicros: number;
      readonly from: Address;
      readonly to: Address;
      readonly message: Message;
    }
  | {
      readonly type: 'drop';
      readonly timeMicros: number;
      readonly from: Address;
      readonly to: Address;
      readonly message: Message;
    }
  | {
      readonly type: 'timer';
      readonly timeMicros: number;
      readonly to: Address;
      readonly timer: Timer;
    }
  | ControlEvent;

/** A one-line description of an event, without colors, for logs and divergence reports. */
export function describeEvent(event: SimulationEvent): string {
  const time = `${(event.timeMicros / 1000).toFixed(3)}ms`;
  switch (event.type) {
    case 'send':
      return `${time} ${event.from} => ${event.to} ${describeValue(event.message)} (sent)`;
    case 'deliver':
      return `${time} ${event.from} -> ${event.to} ${describeValue(event.message)}`;
    case 'drop':
      return `${time} ${event.from} -x ${event.to} ${describeValue(event.message)} (dropped)`;
    case 'timer':
      return `${time} ${event.to} timer ${describeValue(event.timer)}`;
    case 'control':
      return `${time} ${describeControl(event)}`;
  }
}

const VALUE_TEXT_MAX = 200;

/** A short readable form of a message, timer, command or result. */
export function describeValue(value: unknown): string {
  const text =
    JSON.stringify(value, (key, field: unknown) => {
      if (typeof field === 'string' && field.length > 40)
        return `${field.slice(0, 20)}…(${field.length} chars)`;
      return jsonReplacer(key, field);
    }) ?? String(value);
  return text.length > VALUE_TEXT_MAX ? `${text.slice(0, VALUE_TEXT_MAX)}…` : text;
}
