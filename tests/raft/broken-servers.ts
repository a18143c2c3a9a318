import type { Address } from '../../framework/index.ts';
import type { RequestVote } from '../../labs/raft/messages.ts';
import type { LogEntry } from '../../labs/raft/log-entry.ts';
import {
  referenceImplementation,
  type RaftImplementation,
} from '../../labs/raft/implementation.ts';
import type { RaftPeer } from '../../labs/raft/raft-peer.ts';
import { RaftServer } from '../../labs/raft/raft-server.ts';
import { TesterRaft } from '../../labs/raft/tests/tester-raft.ts';
import type { ApplyRecorder } from '../../labs/raft/tests/apply-recorder.ts';
import type { SnapshotPolicy } from '../../labs/raft/raft-peer.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PeerClass = abstract new (...args: any[]) => RaftPeer<any, any>;

/**
 * A mistake, written once as an abstract subclass of any Raft server class, and made over the
 * key-value server and the tester's (the result has the base's constructor).
 */
type Mistake = <T extends PeerClass>(base: T) => PeerClass;

/** The implementation whose two servers both make `mistake`. */
function broken(mistake: Mistake): RaftImplementation {
  const KV = mistake(RaftServer) as unknown as typeof RaftServer;
  const Tester = mistake(TesterRaft) as unknown as typeof TesterRaft;
  return {
    kvServer: (address: Address, servers: readonly Address[], policy: SnapshotPolicy | null) =>
      new KV(address, servers, policy),
    testerServer: (
      address: Address,
      servers: readonly Address[],
      policy: SnapshotPolicy | null,
      recorder: ApplyRecorder,
    ) => new Tester(address, servers, policy, recorder),
    client: (address, servers) => referenceImplementation.client(address, servers),
  };
}

/** Figure 8's mistake: a leader commits an entry of a previous term by counting its replicas. */
export const previousTermCounting = broken((base) => {
  abstract class Broken extends base {
    protected override mayCommitByCounting(): boolean {
      return true;
    }
  }
  return Broken;
});

/** A voter that forgets whom it voted for whenever asked again: two votes in one term. */
export const doubleVoting = broken((base) => {
  abstract class Broken extends base {
    override handleRequestVote(message: RequestVote, sender: Address): void {
      if (message.term === this.currentTerm) this.votedFor = null;
      super.handleRequestVote(message, sender);
    }
  }
  return Broken;
});

/**
 * A follower that does not truncate a conflicting suffix: it appends what lies beyond its log and
 * keeps the entries it has, even where their term differs from the leader's, and yet reports the
 * leader's entries as matched.
 */
export const suffixKeeping = broken((base) => {
  abstract class Broken extends base {
    protected override appendFrom(prevIndex: number, entries: readonly LogEntry[]): void {
      const beyond = this.lastLogIndex() - prevIndex;
      if (beyond < entries.length) this.log.push(...entries.slice(Math.max(0, beyond)));
    }
  }
  return Broken;
});

/** A server whose vote is not persistent: after a restart it may vote again in the same term. */
export const voteForgetting = broken((base) => {
  abstract class Broken extends base {
    static readonly persistentFields: readonly string[] = [
      'currentTerm',
      'log',
      'snapshotLastIndex',
      'snapshotLastTerm',
      'snapshotState',
    ];
  }
  return Broken;
});
