import {
  type Address,
  type AMOCommand,
  amoCommand,
  registerStateClass,
} from '../../framework/index.ts';
import {
  get,
  type KVCommand,
  type KVStore,
  keySet,
  readSet,
  type ReadValues,
  resultOf,
  type TxnCommand,
  type TxnResult,
  writeSet,
  writesOf,
  type WriteValues,
} from '../kvstore/index.ts';
import { ownerOf } from '../shardmaster/index.ts';
import { GroupReplica } from '../shardstore/group-replica.ts';
import { keyToShard } from '../shardstore/key-to-shard.ts';
import type { GroupCommand, ShardData, ShardStoreResult } from '../shardstore/messages.ts';
import type { AMOResult } from '../../framework/index.ts';
import {
  type TxnDecision,
  type TxnId,
  txnKey,
  type TxnLogEntry,
  type TxnPrepare,
  type TxnReply,
  type TxnRequest,
  type TxnVote,
  type TwoPhaseMessage,
} from './messages.ts';
import type { ConcurrencyControl } from './variant.ts';

/** A message the group's servers send once the log entry that produced it has executed. */
export interface Outgoing {
  readonly to: readonly Address[];
  readonly message: TxnReply | TwoPhaseMessage;
}

/** A transaction this group coordinates, until every participant has the decision. */
interface Coordination {
  readonly txn: TxnId;
  readonly attempt: number;
  readonly command: TxnCommand;
  readonly homeShard: number;
  readonly configNum: number;
  /** The other groups' keys of the transaction and their servers (from the config at begin). */
  readonly participants: Map<number, { keys: readonly string[]; servers: readonly Address[] }>;
  /** Yes votes so far, with their reads (this group's own included). */
  readonly votes: Map<number, ReadValues>;
  decision: 'commit' | 'abort' | undefined;
  writes: WriteValues;
  readonly acks: Set<number>;
}

/** A transaction this group has voted yes on: its keys stay locked until the decision. */
interface Prepared {
  readonly txn: TxnId;
  readonly attempt: number;
  readonly keys: readonly string[];
}

/** The latest transaction a client began at this coordinator, and how it ended. */
interface Outcome {
  readonly sequenceNumber: number;
  readonly attempt: number;
  readonly outcome: 'pending' | 'committed' | 'aborted';
  readonly result?: TxnResult;
}

const TXN_LOG_ENTRY_KINDS: ReadonlySet<string> = new Set<TxnLogEntry['kind']>([
  'BeginTxn',
  'PrepareTxn',
  'RecordVote',
  'TxnTimeout',
  'ApplyDecision',
  'RecordAck',
]);

/** (sequence number, attempt) pairs, in the order a client produces them. */
function atOrAfter(
  a: { sequenceNumber: number; attempt: number },
  b: { sequenceNumber: number; attempt: number },
): boolean {
  return (
    a.sequenceNumber > b.sequenceNumber ||
    (a.sequenceNumber === b.sequenceNumber && a.attempt >= b.attempt)
  );
}

/**
 * The sharded store's replicated group state, with two-phase commit in it: the transactions
 * this group coordinates (their votes and decision), the transactions it has prepared as a
 * participant (their locks), and per client the latest outcome, all changed only in log order,
 * so a crash or a leader change in any group never loses or changes a vote or a decision.
 *
 * A transaction whose keys are all in this group executes in its BeginTxn entry: no 2PC round.
 * Writes reach a shard's store together with a record in its exactly-once table (under the
 * transaction's client and sequence number), which moves with the shard: a retry at a new
 * coordinator after a reconfiguration is recognised (`done`) and not written twice.
 *
 * A departing shard is not handed out (`shardData` says nothing) while a transaction holds a
 * lock on one of its keys or is coordinated from it; a frozen shard accepts no new prepare, so
 * the locks drain (every undecided transaction is eventually decided, by a timeout if need be)
 * and the reconfiguration always proceeds.
 */
export class TxnGroupReplica extends GroupReplica {
  constructor(
    groupId: number,
    shardCount: number,
    /** How this group resolves conflicts between transactions. */
    readonly control: ConcurrencyControl,
  ) {
    super(groupId, shardCount);
  }

  private readonly coordinations = new Map<string, Coordination>();
  private readonly outcomes = new Map<Address, Outcome>();
  private readonly prepared = new Map<string, Prepared>();
  private readonly locks = new Map<string, string>();
  /** Per client, the latest attempt whose decision this group (as participant) has applied. */
  private readonly finished = new Map<Address, { sequenceNumber: number; attempt: number }>();
  /** Messages produced by executed entries, for the server to send (see {@link takeOutbox}). */
  private outbox: Outgoing[] = [];

  override execute(
    command: AMOCommand<GroupCommand | TxnLogEntry>,
  ): AMOResult<ShardStoreResult> | undefined {
    const inner = command.command;
    // Run again outside the log (for a retry the Paxos server sees as executed), an entry of
    // two-phase commit does nothing: its effects were produced when it first executed.
    if (TXN_LOG_ENTRY_KINDS.has(inner.kind) && this.alreadyExecuted(command)) return undefined;
    switch (inner.kind) {
      case 'BeginTxn':
        this.begin(inner.request);
        return undefined;
      case 'PrepareTxn':
        this.prepareAsParticipant(inner.prepare);
        return undefined;
      case 'RecordVote':
        this.recordVote(inner.vote);
        return undefined;
      case 'TxnTimeout': {
        const coordination = this.coordinations.get(txnKey(inner.txn));
        if (coordination !== undefined) this.decide(coordination, 'abort', {});
        return undefined;
      }
      case 'ApplyDecision':
        this.applyDecision(inner.decision);
        return undefined;
      case 'RecordAck': {
        const coordination = this.coordinations.get(txnKey(inner.ack.txn));
        coordination?.acks.add(inner.ack.groupId);
        if (coordination !== undefined && coordination.acks.size === coordination.participants.size)
          this.coordinations.delete(txnKey(inner.ack.txn));
        return undefined;
      }
      case 'NewConfig':
      case 'InstallShard':
      case 'DeleteShard':
      case 'Get':
      case 'Put':
      case 'Append':
        return super.execute(command as AMOCommand<GroupCommand>);
    }
  }

  /**
   * Whether the entry would change nothing now: executed before, or overtaken (an older attempt,
   * a decided transaction). The Paxos server then neither proposes it nor runs it again.
   */
  override alreadyExecuted(command: AMOCommand<GroupCommand | TxnLogEntry>): boolean {
    const inner = command.command;
    switch (inner.kind) {
      case 'BeginTxn': {
        const { command: request, attempt } = inner.request;
        const latest = this.outcomes.get(request.client);
        if (latest === undefined) return false;
        // A new attempt waits for the decision of the one before it.
        return (
          latest.outcome === 'pending' ||
          atOrAfter(latest, { sequenceNumber: request.sequenceNumber, attempt })
        );
      }
      case 'PrepareTxn': {
        const { txn, attempt } = inner.prepare;
        const finished = this.finished.get(txn.client);
        if (
          finished !== undefined &&
          atOrAfter(finished, { sequenceNumber: txn.sequenceNumber, attempt })
        )
          return true;
        const prepared = this.prepared.get(txnKey(txn));
        return prepared !== undefined && prepared.attempt >= attempt;
      }
      case 'RecordVote': {
        const coordination = this.coordinations.get(txnKey(inner.vote.txn));
        return (
          coordination?.attempt !== inner.vote.attempt ||
          coordination.decision !== undefined ||
          coordination.votes.has(inner.vote.groupId)
        );
      }
      case 'TxnTimeout': {
        const coordination = this.coordinations.get(txnKey(inner.txn));
        return coordination?.attempt !== inner.attempt || coordination.decision !== undefined;
      }
      case 'ApplyDecision':
        return this.hasFinished(inner.decision.txn, inner.decision.attempt);
      case 'RecordAck': {
        const coordination = this.coordinations.get(txnKey(inner.ack.txn));
        return (
          coordination?.attempt !== inner.ack.attempt ||
          coordination.decision === undefined ||
          coordination.acks.has(inner.ack.groupId)
        );
      }
      case 'NewConfig':
      case 'InstallShard':
      case 'DeleteShard':
      case 'Get':
      case 'Put':
      case 'Append':
        return super.alreadyExecuted(command as AMOCommand<GroupCommand>);
    }
  }

  /** Held back while a transaction locks one of the shard's keys or is coordinated from it. */
  override shardData(shard: number): ShardData | undefined {
    if (this.busy(shard)) return undefined;
    return super.shardData(shard);
  }

  /** The messages executed entries produced since the last call; the caller sends them. */
  takeOutbox(): Outgoing[] {
    const taken = this.outbox;
    this.outbox = [];
    return taken;
  }

  /** The latest outcome of `client`'s transactions here, to answer a retry without the log. */
  outcomeOf(client: Address): Outcome | undefined {
    return this.outcomes.get(client);
  }

  /**
   * Whether this group, as participant, is done with this attempt: it holds no locks for it
   * (or an earlier attempt) and has applied its decision or a later one of the same client.
   */
  hasFinished(txn: TxnId, attempt: number): boolean {
    const prepared = this.prepared.get(txnKey(txn));
    if (prepared !== undefined && prepared.attempt <= attempt) return false;
    const finished = this.finished.get(txn.client);
    return (
      finished !== undefined && atOrAfter(finished, { sequenceNumber: txn.sequenceNumber, attempt })
    );
  }

  /** The attempt of `txn` this group has voted yes on and holds locks for, if any. */
  preparedAttempt(txn: TxnId): number | undefined {
    return this.prepared.get(txnKey(txn))?.attempt;
  }

  /** The reads this group voted with for a prepared transaction (its keys are locked). */
  preparedReads(txn: TxnId): ReadValues {
    const prepared = this.prepared.get(txnKey(txn));
    return prepared === undefined ? {} : this.readKeys(prepared.keys);
  }

  /** Every key locked here, with the transaction holding it. */
  heldLocks(): ReadonlyMap<string, string> {
    return this.locks;
  }

  /** The transactions this group coordinates (for timeouts, resends and views). */
  coordinated(): readonly Readonly<Coordination>[] {
    return [...this.coordinations.values()];
  }

  // The coordinator

  private begin(request: TxnRequest): void {
    const { command: amo, attempt } = request;
    const txn: TxnId = { client: amo.client, sequenceNumber: amo.sequenceNumber };
    const command = amo.command;
    const keys = keySet(command);
    const config = this.config;
    const first = keys[0];
    if (first === undefined || config === undefined) return;
    const homeShard = keyToShard(first, this.shardCount);
    if (!this.servesShard(homeShard)) {
      // Not installed yet: no answer, the client retries. Not ours: it asks for a newer config.
      if (!this.owns(first)) this.reply(txn, attempt, 'wrong-group');
      return;
    }
    this.outcomes.set(txn.client, {
      sequenceNumber: txn.sequenceNumber,
      attempt,
      outcome: 'pending',
    });
    const byGroup = new Map<number, string[]>();
    for (const key of keys) {
      const owner = ownerOf(config, keyToShard(key, this.shardCount));
      if (owner === undefined) return this.finish(txn, attempt, 'aborted');
      byGroup.set(owner, [...(byGroup.get(owner) ?? []), key]);
    }
    const ownKeys = byGroup.get(this.groupId) ?? [];
    byGroup.delete(this.groupId);
    if (byGroup.size === 0) return this.executeInOneGroup(txn, attempt, command, amo);
    const participants = new Map<
      number,
      { keys: readonly string[]; servers: readonly Address[] }
    >();
    for (const [groupId, groupKeys] of byGroup)
      participants.set(groupId, {
        keys: groupKeys,
        servers: config.groups.get(groupId)?.servers ?? [],
      });
    const coordination: Coordination = {
      txn,
      attempt,
      command,
      homeShard,
      configNum: config.configNum,
      participants,
      votes: new Map(),
      decision: undefined,
      writes: {},
      acks: new Set(),
    };
    const vote = this.lockAndRead(txn, attempt, command, ownKeys, config.configNum);
    if (vote === 'no') return this.finish(txn, attempt, 'aborted');
    if (vote === 'done') return this.finish(txn, attempt, 'committed', resultOf(command, {}));
    coordination.votes.set(this.groupId, vote);
    this.coordinations.set(txnKey(txn), coordination);
    for (const [groupId, participant] of participants)
      this.outbox.push({
        to: participant.servers,
        message: this.prepareFor(coordination, groupId),
      });
  }

  /** A transaction all of whose keys are here: decided and applied in this one entry. */
  private executeInOneGroup(
    txn: TxnId,
    attempt: number,
    command: TxnCommand,
    amo: AMOCommand<TxnCommand>,
  ): void {
    const keys = keySet(command);
    // A frozen shard's data may be on its way out: writing it now would lose the write.
    if (
      keys.some((key) => this.locks.has(key) || !this.servesShard(keyToShard(key, this.shardCount)))
    )
      return this.finish(txn, attempt, 'aborted');
    if (command.kind === 'Get' || command.kind === 'Put' || command.kind === 'Append') {
      // A single-key command runs through its shard's exactly-once table, as in part 2.
      const store = this.storeOf(command.key);
      const result = store?.execute(amo as AMOCommand<KVCommand>)?.result;
      if (result === undefined || result.kind === 'WrongGroup')
        return this.finish(txn, attempt, 'aborted');
      return this.finish(txn, attempt, 'committed', result);
    }
    if (this.committedHere(txn, command, keys))
      return this.finish(txn, attempt, 'committed', resultOf(command, {}));
    const reads = this.readKeys(readSet(command));
    this.applyWrites(txn, writesOf(command, reads));
    this.finish(txn, attempt, 'committed', resultOf(command, reads));
  }

  private recordVote(vote: TxnVote): void {
    const coordination = this.coordinations.get(txnKey(vote.txn));
    if (coordination === undefined) return;
    if (vote.vote === 'no') return this.decide(coordination, 'abort', {});
    if (vote.vote === 'done')
      return this.decide(coordination, 'commit', {}, resultOf(coordination.command, {}));
    coordination.votes.set(vote.groupId, vote.reads);
    if (coordination.votes.size < coordination.participants.size + 1) return;
    const reads: Record<string, string | null> = {};
    for (const groupReads of coordination.votes.values()) Object.assign(reads, groupReads);
    this.decide(
      coordination,
      'commit',
      writesOf(coordination.command, reads),
      resultOf(coordination.command, reads),
    );
  }

  /** Records the decision, answers the client, applies this group's part and tells the others. */
  private decide(
    coordination: Coordination,
    decision: 'commit' | 'abort',
    writes: WriteValues,
    result?: TxnResult,
  ): void {
    const { txn, attempt } = coordination;
    coordination.decision = decision;
    coordination.writes = writes;
    this.finish(txn, attempt, decision === 'commit' ? 'committed' : 'aborted', result);
    this.release(txn, decision === 'commit' ? writes : undefined);
    for (const [groupId, participant] of coordination.participants)
      this.outbox.push({
        to: participant.servers,
        message: this.decisionFor(coordination, groupId),
      });
  }

  /**
   * The messages of `coordination` still unanswered: prepares to the groups that have not voted,
   * or the decision to those that have not acknowledged it.
   */
  unanswered(coordination: Readonly<Coordination>): Outgoing[] {
    const outgoing: Outgoing[] = [];
    for (const [groupId, participant] of coordination.participants) {
      if (coordination.decision === undefined) {
        if (!coordination.votes.has(groupId))
          outgoing.push({
            to: participant.servers,
            message: this.prepareFor(coordination, groupId),
          });
      } else if (!coordination.acks.has(groupId)) {
        outgoing.push({
          to: participant.servers,
          message: this.decisionFor(coordination, groupId),
        });
      }
    }
    return outgoing;
  }

  private prepareFor(coordination: Readonly<Coordination>, groupId: number): TxnPrepare {
    return {
      kind: 'TxnPrepare',
      txn: coordination.txn,
      attempt: coordination.attempt,
      configNum: coordination.configNum,
      coordinator: this.groupId,
      coordinatorServers: this.ownServers(),
      command: coordination.command,
      keys: coordination.participants.get(groupId)?.keys ?? [],
    };
  }

  private decisionFor(coordination: Readonly<Coordination>, groupId: number): TxnDecision {
    return {
      kind: 'TxnDecision',
      txn: coordination.txn,
      attempt: coordination.attempt,
      coordinator: this.groupId,
      coordinatorServers: this.ownServers(),
      commit: coordination.decision === 'commit',
      writes: pick(coordination.writes, coordination.participants.get(groupId)?.keys ?? []),
    };
  }

  private finish(
    txn: TxnId,
    attempt: number,
    outcome: 'committed' | 'aborted',
    result?: TxnResult,
  ): void {
    this.outcomes.set(txn.client, {
      sequenceNumber: txn.sequenceNumber,
      attempt,
      outcome,
      ...(result === undefined ? {} : { result }),
    });
    this.reply(txn, attempt, outcome, result);
  }

  private reply(
    txn: TxnId,
    attempt: number,
    outcome: TxnReply['outcome'],
    result?: TxnResult,
  ): void {
    const message: TxnReply = {
      kind: 'TxnReply',
      sequenceNumber: txn.sequenceNumber,
      attempt,
      outcome,
      ...(result === undefined ? {} : { result }),
    };
    this.outbox.push({ to: [txn.client], message });
  }

  // The participant

  private prepareAsParticipant(prepare: TxnPrepare): void {
    const vote = this.lockAndRead(
      prepare.txn,
      prepare.attempt,
      prepare.command,
      prepare.keys,
      prepare.configNum,
    );
    const message: TxnVote = {
      kind: 'TxnVote',
      txn: prepare.txn,
      attempt: prepare.attempt,
      groupId: this.groupId,
      vote: typeof vote === 'string' ? vote : 'yes',
      reads: typeof vote === 'string' ? {} : vote,
    };
    this.outbox.push({ to: prepare.coordinatorServers, message });
  }

  /**
   * Phase 1 at this group (coordinator or participant), 2PL no-wait: no if the configuration is
   * not the coordinator's, a shard is not served here, or another transaction holds a key; done
   * if the transaction already committed here; else lock the keys and return their reads.
   */
  private lockAndRead(
    txn: TxnId,
    attempt: number,
    command: TxnCommand,
    keys: readonly string[],
    configNum: number,
  ): ReadValues | 'no' | 'done' {
    if (configNum !== this.configNum()) return 'no';
    if (keys.some((key) => !this.servesShard(keyToShard(key, this.shardCount)))) return 'no';
    const key = txnKey(txn);
    // An older attempt of the same transaction is aborted: its coordinator began this one.
    if (this.prepared.has(key)) this.release(txn, undefined);
    if (keys.some((candidate) => this.locks.has(candidate))) return 'no';
    if (this.committedHere(txn, command, keys)) return 'done';
    for (const locked of keys) this.locks.set(locked, key);
    this.prepared.set(key, { txn, attempt, keys });
    const wanted = new Set(readSet(command));
    return this.readKeys(keys.filter((candidate) => wanted.has(candidate)));
  }

  private applyDecision(decision: TxnDecision): void {
    const prepared = this.prepared.get(txnKey(decision.txn));
    // A decision on attempt k also ends every earlier attempt this group may still hold locks
    // for: the coordinator began k only once those were aborted (and this group may never have
    // seen k's prepare, when another participant's vote decided it first).
    if (prepared !== undefined && prepared.attempt <= decision.attempt) {
      const commit = decision.commit && prepared.attempt === decision.attempt;
      this.release(decision.txn, commit ? decision.writes : undefined);
    }
    // A late decision of an older transaction (its client has moved on) keeps the later mark.
    const decided = { sequenceNumber: decision.txn.sequenceNumber, attempt: decision.attempt };
    const finished = this.finished.get(decision.txn.client);
    if (finished === undefined || atOrAfter(decided, finished))
      this.finished.set(decision.txn.client, decided);
    this.outbox.push({
      to: decision.coordinatorServers,
      message: {
        kind: 'TxnDecisionAck',
        txn: decision.txn,
        attempt: decision.attempt,
        groupId: this.groupId,
      },
    });
  }

  /** Applies `writes` (if committing) to the keys `txn` holds here, then unlocks them. */
  private release(txn: TxnId, writes: WriteValues | undefined): void {
    const key = txnKey(txn);
    const prepared = this.prepared.get(key);
    if (prepared === undefined) return;
    if (writes !== undefined) this.applyWrites(txn, pick(writes, prepared.keys));
    for (const locked of prepared.keys)
      if (this.locks.get(locked) === key) this.locks.delete(locked);
    this.prepared.delete(key);
  }

  // Stores

  /**
   * Writes to each shard's store, recording the transaction in the shard's exactly-once table
   * first (a Get of one of its keys under the transaction's client and sequence number), so the
   * record travels with the shard.
   */
  private applyWrites(txn: TxnId, writes: WriteValues): void {
    const byShard = new Map<number, Record<string, string | null>>();
    for (const [key, value] of Object.entries(writes)) {
      const shard = keyToShard(key, this.shardCount);
      byShard.set(shard, { ...byShard.get(shard), [key]: value });
    }
    for (const [shard, shardWrites] of byShard) {
      const store = this.stores.get(shard);
      const first = Object.keys(shardWrites)[0];
      if (store === undefined || first === undefined) continue;
      store.execute(amoCommand(get(first), txn.client, txn.sequenceNumber));
      (store.application as KVStore).write(shardWrites);
    }
  }

  /** Whether a write transaction's writes already reached one of its shards here. */
  private committedHere(txn: TxnId, command: TxnCommand, keys: readonly string[]): boolean {
    const written = new Set(writeSet(command));
    return keys.some(
      (key) =>
        written.has(key) &&
        this.storeOf(key)?.alreadyExecuted(amoCommand(get(key), txn.client, txn.sequenceNumber)) ===
          true,
    );
  }

  private readKeys(keys: readonly string[]): ReadValues {
    const reads: Record<string, string | null> = {};
    for (const key of keys)
      reads[key] = (this.storeOf(key)?.application as KVStore | undefined)?.read(key) ?? null;
    return reads;
  }

  private storeOf(key: string): ShardData | undefined {
    return this.stores.get(keyToShard(key, this.shardCount));
  }

  private busy(shard: number): boolean {
    for (const locked of this.locks.keys())
      if (keyToShard(locked, this.shardCount) === shard) return true;
    for (const coordination of this.coordinations.values())
      if (coordination.homeShard === shard) return true;
    return false;
  }

  private ownServers(): readonly Address[] {
    return this.config?.groups.get(this.groupId)?.servers ?? [];
  }
}
registerStateClass('TxnGroupReplica', TxnGroupReplica);

function pick(
  values: Readonly<Record<string, string | null>>,
  keys: readonly string[],
): Record<string, string | null> {
  const picked: Record<string, string | null> = {};
  for (const key of keys) if (Object.hasOwn(values, key)) picked[key] = values[key] ?? null;
  return picked;
}
