import { PaxosClient } from '../paxos/paxos-client.ts';
import { type PaxosImplementation, replicatedKVStore } from '../paxos/implementation.ts';
import { RaftReplica } from './raft-replica.ts';

/**
 * Lab 3's key-value servers on Raft: each server a {@link RaftReplica} of the at-most-once store,
 * talking to lab 3's own clients. Lab 3's variants are Paxos leaders; on Raft there is one
 * protocol, and the variant is ignored.
 *
 * These servers never compact their logs. Lab 3's log checks hold garbage collection to Paxos's
 * rule — a slot is cleared only once every server has it chosen — and Raft's snapshots are local:
 * a server compacts what it has applied, while a follower may not yet know the entry committed.
 * So lab 3's run tests pass on Raft except 1.11, which wants Paxos's global garbage collection.
 */
export const raftKVImplementation: PaxosImplementation = {
  server: (address, servers) => new RaftReplica(address, servers, replicatedKVStore(), null),
  client: (address, servers) => new PaxosClient(address, servers),
};
