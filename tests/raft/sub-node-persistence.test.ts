import { describe, expect, it } from 'vitest';
import {
  type Address,
  addresses,
  type AMOApplication,
  Node,
  subAddress,
} from '../../framework/index.ts';
import { kvSpec } from '../../framework/check/index.ts';
import {
  checkClientsDone,
  checkResultsLinearizable,
  checkResultsOk,
  Simulation,
} from '../../framework/testing.ts';
import { type KVCommand, type KVResult, sameKeyAppends } from '../../labs/kvstore/index.ts';
import { replicatedKVStore } from '../../labs/paxos/implementation.ts';
import type { PaxosRequest } from '../../labs/paxos/messages.ts';
import { PaxosClient } from '../../labs/paxos/paxos-client.ts';
import { RaftReplica } from '../../labs/raft/raft-replica.ts';

/**
 * A server whose only state is a Raft replica of the key-value store, as a sub-node
 * (`server1/raft`), declared persistent: a crash keeps what Raft itself declares persistent.
 */
class FrontEnd extends Node {
  static readonly persistentFields: readonly string[] = ['raft'];
  readonly raft: RaftReplica<KVCommand, KVResult, AMOApplication<KVCommand, KVResult>>;

  constructor(address: Address, servers: readonly Address[]) {
    super(address);
    this.raft = new RaftReplica(
      subAddress(address, 'raft'),
      servers.map((server) => subAddress(server, 'raft')),
      replicatedKVStore(),
      { everyEntries: 5 },
    );
  }

  override init(): void {
    this.raft.init();
  }

  handlePaxosRequest(message: PaxosRequest, sender: Address): void {
    this.raft.submit(message.command, sender);
  }
}

function leaderOf(simulation: Simulation, servers: readonly Address[]): Address | undefined {
  return servers.find(
    (server) =>
      simulation.isActive(server) && simulation.node<FrontEnd>(server).raft.role() === 'leader',
  );
}

describe('Raft as a persistent sub-node', () => {
  it('keeps term, vote and log across a crash, rebuilds the volatile rest, and stays linearizable', () => {
    const simulation = new Simulation({ seed: 3 });
    const servers = addresses('server', 3);
    for (const server of servers) simulation.addNode(server, () => new FrontEnd(server, servers));
    for (const client of addresses('client', 5))
      simulation.addClientWorker(
        client,
        () => new PaxosClient(client, servers),
        sameKeyAppends(100),
      );
    simulation.runFor(400);
    let restarts = 0;
    for (let round = 0; round < 30 && restarts < 5 && !simulation.clientsDone(); round++) {
      const leader = leaderOf(simulation, servers);
      if (leader === undefined) {
        simulation.runFor(500);
        continue;
      }
      const before = simulation.node<FrontEnd>(leader).raft;
      const term = before.term();
      const vote = before.vote();
      const lastIndex = before.lastLogIndex();
      const snapshotIndex = before.snapshotIndex();
      simulation.stopNode(leader);
      simulation.restartNode(leader);
      restarts++;
      const after = simulation.node<FrontEnd>(leader).raft;
      // Figure 2's persistent state, as Raft's own class declares it, came through the parent.
      expect(after.term()).toBe(term);
      expect(after.vote()).toBe(vote);
      expect(after.lastLogIndex()).toBe(lastIndex);
      expect(after.snapshotIndex()).toBe(snapshotIndex);
      // The volatile state did not: a restarted leader is a follower that knows only its snapshot
      // committed, until a leader tells it more.
      expect(after.role()).toBe('follower');
      expect(after.commitIndex()).toBe(snapshotIndex);
      simulation.runFor(400);
    }
    expect(restarts).toBe(5);
    simulation.runUntilClientsDone(30_000);
    checkClientsDone(simulation);
    checkResultsOk(simulation);
    checkResultsLinearizable(simulation, kvSpec());
  });
});
