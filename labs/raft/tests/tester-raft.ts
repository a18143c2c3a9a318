import type { Address, Message } from '../../../framework/index.ts';
import { RAFT_RPC_KINDS } from '../messages.ts';
import { RaftPeer, type SnapshotPolicy } from '../raft-peer.ts';
import type { ApplyRecorder, TesterSnapshot } from './apply-recorder.ts';

/**
 * The service of MIT's Raft tests: it applies nothing but records what it is given, in an
 * {@link ApplyRecorder} shared by the whole group, and snapshots the list of commands it
 * applied. It also meters the RPCs it sends for the tests that count them. The recorder is not
 * node state (it is the tester's), so it is kept off the node's fields.
 */
export class TesterRaft extends RaftPeer<unknown, TesterSnapshot> {
  protected applied: unknown[] = [];
  declare private readonly recorder: ApplyRecorder;

  constructor(
    address: Address,
    servers: readonly Address[],
    snapshotPolicy: SnapshotPolicy | null,
    recorder: ApplyRecorder,
  ) {
    super(address, servers, snapshotPolicy);
    Object.defineProperty(this, 'recorder', { value: recorder, enumerable: false });
  }

  /** The bytes of the persisted Raft state without the snapshot (MIT's RaftStateSize). */
  raftStateBytes(): number {
    return JSON.stringify([this.currentTerm, this.votedFor, this.log]).length;
  }

  protected applyCommand(index: number, command: unknown): void {
    this.applied.push(command);
    this.recorder.applied(this.address, index, command);
  }

  protected serviceSnapshot(): TesterSnapshot {
    return { lastIndex: this.lastApplied, commands: [...this.applied] };
  }

  protected restoreService(state: TesterSnapshot | null): void {
    this.applied = state === null ? [] : [...state.commands];
    this.recorder.restored(this.address, state);
  }

  protected override send<M extends Message>(message: M, to: Address): void {
    this.meter(message);
    super.send(message, to);
  }

  protected override broadcast<M extends Message>(message: M, to: Iterable<Address>): void {
    for (const destination of to) this.send(message, destination);
  }

  private meter(message: Message): void {
    if (RAFT_RPC_KINDS.has(message.kind))
      this.recorder.countRpc(this.address, JSON.stringify(message).length);
  }
}
