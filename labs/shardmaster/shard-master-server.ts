import {
  type Address,
  AMOApplication,
  type AMOCommand,
  type Application,
} from '../../framework/index.ts';
import type { PaxosRequest } from '../paxos/messages.ts';
import { PaxosServer } from '../paxos/paxos-server.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import type { ShardMasterCommand } from './commands.ts';
import type { ShardMasterResult } from './results.ts';

/**
 * A lab 3 Paxos server replicating a shard master instead of the key-value store: the same
 * protocol code, with another application in its replica. Clients are lab 3's `PaxosClient`,
 * unchanged: requests and replies carry any command and result.
 */
export class ShardMasterServer extends PaxosServer<
  ShardMasterCommand,
  ShardMasterResult,
  AMOApplication<ShardMasterCommand, ShardMasterResult>
> {
  constructor(
    address: Address,
    servers: readonly Address[],
    variant: PaxosVariant,
    shardMaster: Application<ShardMasterCommand, ShardMasterResult>,
  ) {
    super(address, servers, variant, new AMOApplication(shardMaster));
  }
}

/** A request to the shard masters, as lab 3's clients send it. */
export function shardMasterRequest(
  command: AMOCommand<ShardMasterCommand>,
): PaxosRequest<ShardMasterCommand> {
  return { kind: 'PaxosRequest', command };
}
