/** Fires on a client to resend its request to every server while it has no reply. */
export interface ClientTimer {
  readonly kind: 'ClientTimer';
  readonly sequenceNumber: number;
}

/** How long a client waits for a reply before resending. */
export const CLIENT_RETRY_MILLIS = 100;

/**
 * Fires on the leader: send heartbeats (and, in the basic variant, resend what is
 * unanswered). On a candidate: resend the prepare to servers that have not promised.
 */
export interface HeartbeatTimer {
  readonly kind: 'HeartbeatTimer';
}

/** How often the leader sends heartbeats. */
export const HEARTBEAT_MILLIS = 25;

/**
 * Fires on a follower or candidate: a follower that heard nothing from its leader since
 * the last firing, or a candidate still short of promises, starts an election. The
 * duration is a range, so that two followers who lost the same leader rarely start their
 * elections at the same moment (the simulator draws it; handlers stay deterministic).
 */
export interface ElectionTimer {
  readonly kind: 'ElectionTimer';
}

/** The election timer's range: a leader is suspected after one to two of these without news. */
export const ELECTION_MILLIS_MIN = 100;
export const ELECTION_MILLIS_MAX = 200;

/** Every timer of a Paxos server. */
export type PaxosServerTimer = HeartbeatTimer | ElectionTimer;
