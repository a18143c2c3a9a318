/** Fires on a server: ping the view server, and resend what the backup has not acknowledged. */
export interface PingTimer {
  readonly kind: 'PingTimer';
}

/** How often a server pings the view server. */
export const PING_MILLIS = 25;

/**
 * Fires on the view server: a server that sent no ping since the last firing is dead. Counting
 * firings, rather than reading a clock, keeps the handlers deterministic.
 */
export interface PingCheckTimer {
  readonly kind: 'PingCheckTimer';
}

/** How often the view server checks which servers are alive. */
export const PING_CHECK_MILLIS = 100;

/** Fires on a client with no reply yet: resend, and ask the view server for the view. */
export interface ClientTimer {
  readonly kind: 'ClientTimer';
  readonly sequenceNumber: number;
}

/** How long a client waits for a reply before resending. */
export const CLIENT_RETRY_MILLIS = 100;
