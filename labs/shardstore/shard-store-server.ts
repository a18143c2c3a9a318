import {
  type Address,
  amoCommand,
  type Message,
  type MessageHandlers,
  Node,
  subAddress,
  type Timer,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { ConsensusProtocol } from '../paxos/replicated-log.ts';
import type { PaxosVariant } from '../paxos/variant.ts';
import { query, shardMasterRequest } from '../shardmaster/index.ts';
import { type GroupConsensus, groupConsensus } from './group-consensus.ts';
import { GroupReplica } from './group-replica.ts';
import type {
  GroupCommand,
  LoadQuery,
  LoadReport,
  ShardMasterReply,
  ShardMove,
  ShardMoveAck,
  ShardStoreRequest,
  TransferMessage,
} from './messages.ts';
import { CONFIG_QUERY_MILLIS, type ConfigQueryTimer } from './timers.ts';

/** The sub-node name of a server's Paxos module. */
export const PAXOS_SUB_NODE = 'paxos';

/**
 * A server of a replica group. Its Paxos sub-node (lab 3's server) orders everything the group
 * does: clients' commands, the configurations the group moves through, the shards it installs
 * and the shards it deletes. The server answers `WrongGroup` at once for a key the group does
 * not own, hands commands of the shards it serves to Paxos, polls the shard masters for the
 * next configuration once the current one is over, and carries shards between groups: it
 * sends each departing shard to its destination as soon as it is frozen (and again on every
 * tick until acknowledged), hands a received shard to its log, and acknowledges it once it is
 * installed.
 */
export class ShardStoreServer
  extends Node
  implements
    MessageHandlers<ShardStoreRequest | ShardMasterReply | TransferMessage | LoadQuery>,
    TimerHandlers<ConfigQueryTimer>
{
  /**
   * What survives a crash besides the consensus sub-node's own persistent fields (its acceptor
   * or Raft state, log and the group's replicated state, kept as its parent's disk): the
   * numbering of queries to the shard masters, whose exactly-once tables would otherwise take
   * a restarted server's fresh queries for old ones and leave them unanswered. The rest (what
   * was sent at once) is rebuilt: a restarted server sends its departing shards again.
   */
  static readonly persistentFields: readonly string[] = ['masterSequenceNumber'];

  /** The group's consensus sub-node (Paxos by default, or Raft: see group-consensus.ts). */
  protected readonly paxos: GroupConsensus;
  /** Numbers this server's queries to the shard masters (their exactly-once tables need it). */
  private masterSequenceNumber = 0;
  /** The configuration whose departing shards this server has sent out at once. */
  private sentForConfig = -1;

  constructor(
    address: Address,
    group: readonly Address[],
    private readonly shardMasters: readonly Address[],
    groupId: number,
    private readonly shardCount: number,
    variant: PaxosVariant,
    replica: GroupReplica = new GroupReplica(groupId, shardCount),
    consensus: ConsensusProtocol = 'paxos',
  ) {
    super(address);
    this.paxos = groupConsensus(
      consensus,
      subAddress(address, PAXOS_SUB_NODE),
      group.map((server) => subAddress(server, PAXOS_SUB_NODE)),
      variant,
      replica,
    );
  }

  override init(): void {
    this.paxos.init();
    this.queryNextConfig();
    this.set({ kind: 'ConfigQueryTimer' }, CONFIG_QUERY_MILLIS);
  }

  /**
   * After every event, of this server or its Paxos sub-node: a configuration executed in the
   * log may have frozen shards, and they leave at once, so the window in which they accept no
   * writes lasts a transfer, not a polling period.
   */
  override receiveMessage(destination: Address, message: Message, sender: Address): void {
    super.receiveMessage(destination, message, sender);
    this.sendFrozenShards();
  }

  override receiveTimer(destination: Address, timer: Timer): void {
    super.receiveTimer(destination, timer);
    this.sendFrozenShards();
  }

  // Clients

  handleShardStoreRequest(message: ShardStoreRequest, sender: Address): void {
    const replica = this.paxos.replica();
    const key = message.command.command.key;
    if (replica.serves(key)) {
      // The replica checks the shard again when the command executes: the group may have
      // frozen it by then.
      this.paxos.submit(message.command, sender);
      return;
    }
    // A shard on its way here is not answered: the client retries once it may be installed.
    if (replica.owns(key)) return;
    const result = { kind: 'WrongGroup' } as const;
    this.send(
      {
        kind: 'PaxosReply',
        result: { kind: 'AMOResult', result, sequenceNumber: message.command.sequenceNumber },
      },
      sender,
    );
  }

  // Shard masters

  handlePaxosReply(message: ShardMasterReply, sender: Address): void {
    if (!this.shardMasters.includes(sender)) return;
    const config = message.result.result;
    if (config.kind !== 'ShardConfig') return;
    const replica = this.paxos.replica();
    if (config.configNum !== replica.configNum() + 1 || !replica.settled()) return;
    // Every server proposes it; the log keeps its first copy and the rest do nothing.
    this.propose({ kind: 'NewConfig', config }, config.configNum, 0);
  }

  onConfigQueryTimer(timer: ConfigQueryTimer): void {
    if (this.paxos.replica().settled()) this.queryNextConfig();
    else this.sendDepartingShards();
    this.set(timer, CONFIG_QUERY_MILLIS);
  }

  // Other groups

  handleShardMove(message: ShardMove, sender: Address): void {
    const replica = this.paxos.replica();
    if (replica.awaits(message.configNum, message.shard)) {
      this.propose(
        {
          kind: 'InstallShard',
          configNum: message.configNum,
          shard: message.shard,
          data: message.data,
        },
        message.configNum,
        message.shard,
      );
      return;
    }
    // Past that configuration, or in it with the shard installed: acknowledge (again).
    if (message.configNum <= replica.configNum()) {
      const ack: ShardMoveAck = {
        kind: 'ShardMoveAck',
        configNum: message.configNum,
        shard: message.shard,
      };
      this.send(ack, sender);
    }
  }

  handleShardMoveAck(message: ShardMoveAck): void {
    const replica = this.paxos.replica();
    if (message.configNum !== replica.configNum() || !replica.departing().has(message.shard))
      return;
    this.propose(
      { kind: 'DeleteShard', configNum: message.configNum, shard: message.shard },
      message.configNum,
      this.shardCount + message.shard,
    );
  }

  // The balancer

  handleLoadQuery(_message: LoadQuery, sender: Address): void {
    const replica = this.paxos.replica();
    const report: LoadReport = {
      kind: 'LoadReport',
      groupId: replica.groupId,
      load: new Map(replica.shardLoad()),
    };
    this.send(report, sender);
  }

  // Utilities

  /**
   * Submits a reconfiguration step to the group's log as this server's command. Its sequence
   * number is a function of the configuration and the step, so that the same step proposed
   * twice is one command to Paxos and two different steps never are.
   */
  protected propose(command: GroupCommand, configNum: number, step: number): void {
    const sequenceNumber = configNum * (2 * this.shardCount + 1) + step + 1;
    this.paxos.submit(amoCommand(command, this.address, sequenceNumber), this.address);
  }

  protected sendFrozenShards(): void {
    const replica = this.paxos.replica();
    if (replica.configNum() <= this.sentForConfig || replica.departing().size === 0) return;
    this.sentForConfig = replica.configNum();
    this.sendDepartingShards();
  }

  private sendDepartingShards(): void {
    const replica = this.paxos.replica();
    const config = replica.config;
    if (config === undefined) return;
    for (const [shard, destination] of replica.departing()) {
      const data = replica.shardData(shard);
      const servers = config.groups.get(destination)?.servers;
      if (data === undefined || servers === undefined) continue;
      const move: ShardMove = { kind: 'ShardMove', configNum: config.configNum, shard, data };
      this.broadcast(move, servers);
    }
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
