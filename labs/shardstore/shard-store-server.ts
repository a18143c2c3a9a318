import {
  type Address,
  amoCommand,
  type MessageHandlers,
  Node,
  subAddress,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { PaxosReply } from '../paxos/messages.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import { query, shardMasterRequest, type ShardConfig } from '../shardmaster/index.ts';
import { GroupPaxos } from './group-paxos.ts';
import { GroupReplica } from './group-replica.ts';
import type { ShardStoreRequest } from './messages.ts';
import { CONFIG_QUERY_MILLIS, type ConfigQueryTimer } from './timers.ts';

/** The sub-node name of a server's Paxos module. */
export const PAXOS_SUB_NODE = 'paxos';

/**
 * A server of a replica group. Its Paxos sub-node (lab 3's server) orders everything the group
 * does: clients' commands and the configurations the group moves through. The server answers
 * at once a command for a shard the group does not serve, hands the others to Paxos, and
 * polls the shard masters for the next configuration, which it proposes to the log.
 */
export class ShardStoreServer
  extends Node
  implements MessageHandlers<ShardStoreRequest | PaxosReply>, TimerHandlers<ConfigQueryTimer>
{
  protected readonly paxos: GroupPaxos;
  /** Numbers this server's queries to the shard masters (their exactly-once tables need it). */
  private masterSequenceNumber = 0;

  constructor(
    address: Address,
    group: readonly Address[],
    private readonly shardMasters: readonly Address[],
    groupId: number,
    shardCount: number,
    variant: PaxosVariant,
  ) {
    super(address);
    this.paxos = new GroupPaxos(
      subAddress(address, PAXOS_SUB_NODE),
      group.map((server) => subAddress(server, PAXOS_SUB_NODE)),
      variant,
      new GroupReplica(groupId, shardCount),
    );
  }

  override init(): void {
    this.paxos.init();
    this.queryNextConfig();
    this.set({ kind: 'ConfigQueryTimer' }, CONFIG_QUERY_MILLIS);
  }

  // Clients

  handleShardStoreRequest(message: ShardStoreRequest, sender: Address): void {
    const replica = this.paxos.replica();
    if (!replica.serves(message.command.command.key)) {
      const result = { kind: 'WrongGroup' } as const;
      this.send(
        {
          kind: 'PaxosReply',
          result: { kind: 'AMOResult', result, sequenceNumber: message.command.sequenceNumber },
        },
        sender,
      );
      return;
    }
    // The replica checks the shard again when the command executes: the group may have left
    // this configuration by then.
    this.paxos.submit(message.command, sender);
  }

  // Shard masters

  handlePaxosReply(message: PaxosReply, sender: Address): void {
    if (!this.shardMasters.includes(sender)) return;
    const result = message.result.result as unknown as { kind: string };
    if (result.kind !== 'ShardConfig') return;
    const config = result as ShardConfig;
    if (config.configNum !== this.paxos.replica().configNum() + 1) return;
    // Every server proposes it; the log keeps its first copy and the rest do nothing.
    this.paxos.submit(
      amoCommand({ kind: 'NewConfig', config }, this.address, config.configNum + 1),
      this.address,
    );
  }

  onConfigQueryTimer(timer: ConfigQueryTimer): void {
    this.queryNextConfig();
    this.set(timer, CONFIG_QUERY_MILLIS);
  }

  private queryNextConfig(): void {
    this.masterSequenceNumber++;
    const command = amoCommand(
      query(this.paxos.replica().configNum() + 1),
      this.address,
      this.masterSequenceNumber,
    );
    this.broadcast(shardMasterRequest(command), this.shardMasters);
  }
}
