import {
  type Address,
  address,
  addresses,
  type MessageHandlers,
  Node,
} from '../../framework/index.ts';
import {
  CLIENTS_DONE,
  expectOutcome,
  type LabTest,
  labTest,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
} from '../../framework/testing.ts';
import { clientServerTests } from '../../labs/clientserver/tests.ts';
import { SimpleClient } from '../../labs/clientserver/simple-client.ts';
import type { Request } from '../../labs/clientserver/messages.ts';
import { KVStore, kvWorkload, type KVResult } from '../../labs/kvstore/index.ts';

/**
 * A deliberately broken lab 1 server: it executes every request it receives, so a
 * retransmitted or duplicated append is applied twice. Search must catch it, and the
 * visualizer must show where.
 */
export class DuplicatingServer extends Node implements MessageHandlers<Request> {
  private readonly store = new KVStore();
  private executed = 0;

  handleRequest(message: Request, sender: Address): void {
    const result: KVResult = this.store.execute(message.command.command);
    this.executed++;
    this.send(
      {
        kind: 'Reply',
        result: { kind: 'AMOResult', result, sequenceNumber: message.command.sequenceNumber },
      },
      sender,
    );
  }
}

export const SERVER = address('server');

/**
 * A search test over the broken server: one client appends twice; a duplicate breaks the results.
 */
export const brokenSearchTest: LabTest = labTest({
  part: 9,
  number: 1,
  points: 0,
  kind: 'search',
  description: 'Search: a duplicated append is applied once',
  run(context) {
    const builder = new SystemBuilder(context.seed).addNode(new DuplicatingServer(SERVER));
    for (const client of addresses('client', 1)) {
      builder.addClientWorker(
        new SimpleClient(client, SERVER),
        kvWorkload(['APPEND:foo:x', 'APPEND:foo:y'], ['x', 'xy']),
      );
    }
    const model = new SystemModel(builder.build());
    const result = context.search({
      description: 'results stay correct',
      model,
      predicates: [RESULTS_OK, CLIENTS_DONE],
      strategy: 'breadth-first',
    });
    expectOutcome(result, 'goal found');
  },
});

/** Lab 1's run tests on the broken server (the unreliable-network ones fail). */
export const brokenRunTests: readonly LabTest[] = clientServerTests({
  server: (at) => new DuplicatingServer(at),
  client: (at, server) => new SimpleClient(at, server),
});

/** A server that never answers: no client can finish. */
export class SilentServer extends Node implements MessageHandlers<Request> {
  handleRequest(_message: Request, _sender: Address): void {}
}

/** A search test whose goal cannot be reached over the silent server. */
export const unreachableGoalTest: LabTest = labTest({
  part: 9,
  number: 2,
  points: 0,
  kind: 'search',
  description: 'Search: the client finishes',
  run(context) {
    const builder = new SystemBuilder(context.seed).addNode(new SilentServer(SERVER));
    builder.addClientWorker(
      new SimpleClient(address('client1'), SERVER),
      kvWorkload(['APPEND:foo:x'], ['x']),
    );
    const result = context.search({
      description: 'client done',
      model: new SystemModel(builder.build()),
      predicates: [RESULTS_OK, CLIENTS_DONE],
      strategy: 'breadth-first',
    });
    expectOutcome(result, 'goal found');
  },
});
