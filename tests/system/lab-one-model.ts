import { address, addresses } from '../../framework/index.ts';
import { scriptedWorkload, SystemBuilder, SystemModel } from '../../framework/testing.ts';
import { SimpleClient } from '../../labs/clientserver/simple-client.ts';
import { SimpleServer } from '../../labs/clientserver/simple-server.ts';
import { append, appendResult } from '../../labs/kvstore/index.ts';

/**
 * The canonical lab 1 state space: `clients` clients, each appending `appends` times to a
 * key of its own, against the reference server. DSLabs counts ((appends+1)^2)^clients − 1
 * unique states in it (with "clients done" as a prune). `transitionsPerGeneration` sets
 * the budget of the system's transition memo.
 */
export function labOneModel(
  clients: number,
  appends: number,
  transitionsPerGeneration?: number,
): SystemModel {
  const server = address('server');
  const builder = new SystemBuilder().addNode(new SimpleServer(server));
  for (const client of addresses('client', clients)) {
    const commands = [];
    const results = [];
    let value = '';
    for (let index = 1; index <= appends; index++) {
      commands.push(append(`key-${client}`, `x${index}`));
      value += `x${index}`;
      results.push(appendResult(value));
    }
    builder.addClientWorker(new SimpleClient(client, server), scriptedWorkload(commands, results));
  }
  return new SystemModel(
    builder.build(transitionsPerGeneration === undefined ? {} : { transitionsPerGeneration }),
  );
}
