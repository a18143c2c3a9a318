export * from './commands.ts';
export * from './results.ts';
export { ShardMaster, InvalidShardCountError } from './shard-master.ts';
export { ShardMasterServer, shardMasterRequest } from './shard-master-server.ts';
