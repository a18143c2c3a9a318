import type { AMOApplication, AMOCommand } from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { PaxosReply } from '../paxos/messages.ts';
import type { ShardConfig, ShardMasterResult } from '../shardmaster/index.ts';

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

/** The shard masters' answer to a server, the balancer or a client (a configuration, mostly). */
export type ShardMasterReply = PaxosReply<ShardMasterResult>;

/** What a store client receives: a group's result for its command, or a shard master's answer. */
export type ShardStoreReply = PaxosReply<ShardStoreResult | ShardMasterResult>;

/** One shard's store with its exactly-once table: what moves between groups. */
export type ShardData = AMOApplication<KVCommand, ShardStoreResult>;

/**
 * Source group to every server of the destination: shard `shard`, frozen at the source when it
 * entered configuration `configNum`, with its exactly-once table. Sent again until acknowledged.
 */
export interface ShardMove {
  readonly kind: 'ShardMove';
  readonly configNum: number;
  readonly shard: number;
  readonly data: ShardData;
}

/** Destination to the source server that sent the move: the shard is installed in our log. */
export interface ShardMoveAck {
  readonly kind: 'ShardMoveAck';
  readonly configNum: number;
  readonly shard: number;
}

/**
 * A configuration the group adopts, proposed to its log by its own servers: every server
 * applies configurations in order, at the same point of the log.
 */
export interface NewConfig {
  readonly kind: 'NewConfig';
  readonly config: ShardConfig;
}

/** The destination's log: install the shard received for configuration `configNum`. */
export interface InstallShard {
  readonly kind: 'InstallShard';
  readonly configNum: number;
  readonly shard: number;
  readonly data: ShardData;
}

/** The source's log: the destination acknowledged the shard, so its data can go. */
export interface DeleteShard {
  readonly kind: 'DeleteShard';
  readonly configNum: number;
  readonly shard: number;
}

/** What a group's log holds: clients' commands and its own reconfiguration steps. */
export type GroupCommand = KVCommand | NewConfig | InstallShard | DeleteShard;

/** Messages between the servers of different groups. */
export type TransferMessage = ShardMove | ShardMoveAck;

/** Balancer to a group's servers: how many commands has each of your shards executed? */
export interface LoadQuery {
  readonly kind: 'LoadQuery';
}

/**
 * A server's answer: commands executed on each shard its group holds, since the group got it
 * (counts only grow while a shard stays; a shard that arrives starts again from 0).
 */
export interface LoadReport {
  readonly kind: 'LoadReport';
  readonly groupId: number;
  readonly load: ReadonlyMap<number, number>;
}
