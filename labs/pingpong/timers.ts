import type { Ping } from './ping-application.ts';

/** Fires on the client to resend a ping that has no answer yet. */
export interface PingTimer {
  readonly kind: 'PingTimer';
  readonly ping: Ping;
}

/** How long the client waits before resending. */
export const PING_RETRY_MILLIS = 10;
