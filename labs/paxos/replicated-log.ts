import type { Address, AMOCommand, Command, Result } from '../../framework/index.ts';
import type { ReplicatedApplication } from './replicated-application.ts';

/**
 * The consensus protocols a replicated service can run on: lab 3's Paxos server, or the Raft
 * lab's replica (`labs/raft/raft-replica.ts`).
 */
export type ConsensusProtocol = 'paxos' | 'raft';

/**
 * The replicated-log contract both consensus protocols implement, so that a service is written
 * once and runs on either: a server node, or a sub-node of one (`server1/paxos`), that orders the
 * commands handed to it and executes each decided one on its replica of the application.
 *
 * - {@link submit} hands it a command as a client's request would: the leader appends it to the
 *   log (once, however often it is submitted), and any server answers a command its replica has
 *   already executed;
 * - decided commands are executed on the application (`execute`) in log order, exactly once per
 *   slot or index, on every server; the leader sends the result to the command's client as a
 *   `PaxosReply`, the message lab 3's clients wait for;
 * - {@link replica} is the application as this server has executed it, for its owner to read
 *   (never to change: only the log changes it);
 * - {@link leads} says whether this server believes it leads now (tests crash leaders; a
 *   belief, not a guarantee: an old leader may not know it was replaced).
 *
 * @typeParam C - the application's commands
 * @typeParam R - the application's results
 * @typeParam A - the application, as its owner sees it
 */
export interface ReplicatedLog<
  C extends Command,
  R extends Result,
  A extends ReplicatedApplication<C, R>,
> {
  submit(command: AMOCommand<C>, sender: Address): void;
  replica(): A;
  leads(): boolean;
}
