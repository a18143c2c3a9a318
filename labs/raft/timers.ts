/** Fires on a client to resend its request to every server while it has no reply. */
export interface ClientTimer {
  readonly kind: 'ClientTimer';
  readonly sequenceNumber: number;
}

/** How long a client waits for a reply before resending. */
export const CLIENT_RETRY_MILLIS = 100;

/**
 * Fires on the leader: send every follower an AppendEntries (a heartbeat, carrying any entries
 * it lacks). On a candidate: ask again the servers that have not answered its RequestVote.
 */
export interface HeartbeatTimer {
  readonly kind: 'HeartbeatTimer';
}

/**
 * How often the leader sends heartbeats: 20 a second, so an idle 3-server group exchanges 40
 * RPCs a second (MIT's count test allows 60), and a follower hears from a live leader several
 * times within its election timeout.
 */
export const HEARTBEAT_MILLIS = 50;

/**
 * Fires on a follower or candidate: one that heard from no leader, and granted no vote, since
 * the last firing starts an election. The duration is a range that the simulator draws from,
 * so two followers who lost the same leader rarely time out together (handlers stay
 * deterministic: the randomness is the timer's).
 */
export interface ElectionTimer {
  readonly kind: 'ElectionTimer';
}

/** The election timeout's range, several heartbeats long. */
export const ELECTION_MILLIS_MIN = 150;
export const ELECTION_MILLIS_MAX = 300;

/** Every timer of a Raft server. */
export type RaftPeerTimer = HeartbeatTimer | ElectionTimer;
