import type { Ping, Pong } from './ping-application.ts';

/** Client to server: please answer this ping. */
export interface PingRequest {
  readonly kind: 'PingRequest';
  readonly ping: Ping;
}

/** Server to client: the answer. */
export interface PongReply {
  readonly kind: 'PongReply';
  readonly pong: Pong;
}
