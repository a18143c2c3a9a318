import { type Application, registerStateClass } from '../../framework/index.ts';

/** The command: a ping carrying a value. */
export interface Ping {
  readonly kind: 'Ping';
  readonly value: string;
}

/** The result: a pong echoing the value. */
export interface Pong {
  readonly kind: 'Pong';
  readonly value: string;
}

export const ping = (value: string): Ping => ({ kind: 'Ping', value });
export const pong = (value: string): Pong => ({ kind: 'Pong', value });

/** The simplest application: it answers every ping with a pong of the same value. */
export class PingApplication implements Application<Ping, Pong> {
  execute(command: Ping): Pong {
    return pong(command.value);
  }
}
registerStateClass('PingApplication', PingApplication);
