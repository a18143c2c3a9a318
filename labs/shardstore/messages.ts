import type { AMOCommand } from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { ShardConfig } from '../shardmaster/index.ts';

/** Client to every server of the group that owns the key's shard: execute this (at most once). */
export interface ShardStoreRequest {
  readonly kind: 'ShardStoreRequest';
  readonly command: AMOCommand<KVCommand>;
}

/**
 * The answer to a command sent to a group that does not own its key's shard (in the group's
 * current configuration): nothing was executed; ask the shard masters for a newer config.
 */
export interface WrongGroup {
  readonly kind: 'WrongGroup';
}

/** What a client may receive for its command. */
export type ShardStoreResult = KVResult | WrongGroup;

/**
 * A configuration the group adopts, proposed to its log by its own servers: every server
 * applies configurations in order, at the same point of the log.
 */
export interface NewConfig {
  readonly kind: 'NewConfig';
  readonly config: ShardConfig;
}

/** What a group's log holds: clients' commands and its own reconfiguration steps. */
export type GroupCommand = KVCommand | NewConfig;
