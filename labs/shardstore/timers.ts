/** Client: resend the command, and ask the shard masters again, if no answer came. */
export interface ShardStoreClientTimer {
  readonly kind: 'ShardStoreClientTimer';
  readonly sequenceNumber: number;
}

/**
 * Server: ask the shard masters for the configuration after the group's current one when the
 * current reconfiguration is over; while it is not, send the departing shards again.
 */
export interface ConfigQueryTimer {
  readonly kind: 'ConfigQueryTimer';
}

/** How often a client retries, and a server polls the shard masters (as DSLabs: 100 ms). */
export const CLIENT_RETRY_MILLIS = 100;
export const CONFIG_QUERY_MILLIS = 100;

/** Balancer: read the groups' loads and the latest configuration, and maybe move a shard. */
export interface BalanceTimer {
  readonly kind: 'BalanceTimer';
}

/** How often the balancer measures the load (one measurement window). */
export const BALANCE_WINDOW_MILLIS = 1_000;
