import type { Request } from './messages.ts';

/** Fires on the client to resend a request that has no reply yet. */
export interface ClientTimer {
  readonly kind: 'ClientTimer';
  readonly request: Request;
}

/** How long the client waits for a reply before resending. */
export const CLIENT_RETRY_MILLIS = 100;
