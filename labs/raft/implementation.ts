import type { Address, ClientNode } from '../../framework/index.ts';
import type { RaftServerNode } from './raft-inspection.ts';
import type { SnapshotPolicy } from './raft-peer.ts';
import { RaftClient } from './raft-client.ts';
import { RaftServer } from './raft-server.ts';
import type { ApplyRecorder } from './tests/apply-recorder.ts';
import { TesterRaft } from './tests/tester-raft.ts';

/** A Raft server of MIT's tests: the protocol over the tester's recording service. */
export type TesterServerNode = RaftServerNode & {
  propose(command: unknown): { index: number; term: number } | null;
  raftStateBytes(): number;
};

/**
 * The nodes the lab's tests build. Tests take this as a parameter so that the same suite runs
 * on the reference solution, a student's, or a deliberately broken variant: the key-value
 * server and the tester's server are the same protocol over two services.
 */
export interface RaftImplementation {
  kvServer(
    address: Address,
    servers: readonly Address[],
    snapshotPolicy: SnapshotPolicy | null,
  ): RaftServerNode;
  testerServer(
    address: Address,
    servers: readonly Address[],
    snapshotPolicy: SnapshotPolicy | null,
    recorder: ApplyRecorder,
  ): TesterServerNode;
  client(address: Address, servers: readonly Address[]): ClientNode;
}

/** The reference solution. */
export const referenceImplementation: RaftImplementation = {
  kvServer: (address, servers, snapshotPolicy) => new RaftServer(address, servers, snapshotPolicy),
  testerServer: (address, servers, snapshotPolicy, recorder) =>
    new TesterRaft(address, servers, snapshotPolicy, recorder),
  client: (address, servers) => new RaftClient(address, servers),
};
