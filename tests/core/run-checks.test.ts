import { describe, expect, it } from 'vitest';
import { type Address, address, addresses, Node, type Result } from '../../framework/index.ts';
import {
  checkAppendsLinearizable,
  checkClientsDone,
  CheckFailure,
  checkMaxWaitBelow,
  checkResultsOk,
  checkStateSizeAbove,
  checkStateSizeBelow,
  maxWaitMs,
  Simulation,
  type Workload,
} from '../../framework/testing.ts';
import { KVStore, kvWorkload, sameKeyAppends, type KVCommand } from '../../labs/kvstore/index.ts';
import { KVServer } from '../fixtures/kv-server.ts';
import { RetryClient, type Request } from '../fixtures/request-reply.ts';
import { thrownBy } from '../fixtures/thrown-by.ts';

// Deliberately wrong servers for the RetryClient protocol, one mistake each.

/** Forgets everything between requests: every command runs on an empty store. */
class AmnesiacServer extends Node {
  handleRequest(message: Request, sender: Address): void {
    this.reply(new KVStore().execute(message.command as KVCommand), message, sender);
  }

  protected reply(result: Result, request: Request, to: Address): void {
    this.send({ kind: 'Reply', sequence: request.sequence, result }, to);
  }
}

/** Never answers. */
class SilentServer extends Node {
  handleRequest(): void {}
}

/** Keeps one store per client, so appends to a shared key do not see each other. */
class SplitBrainServer extends AmnesiacServer {
  private readonly stores = new Map<Address, KVStore>();
  private readonly executed = new Map<Address, number>();

  override handleRequest(message: Request, sender: Address): void {
    const store = this.stores.get(sender) ?? new KVStore();
    this.stores.set(sender, store);
    // Without at-most-once, only the first copy of each request may execute.
    if (message.sequence > (this.executed.get(sender) ?? 0)) {
      this.executed.set(sender, message.sequence);
      this.reply(store.execute(message.command as KVCommand), message, sender);
    }
  }
}

/** Answers an append with the value from before it. */
class OffByOneServer extends AmnesiacServer {
  private value = '';

  override handleRequest(message: Request, sender: Address): void {
    const command = message.command as KVCommand;
    this.reply({ kind: 'AppendResult', value: this.value } as Result, message, sender);
    if (command.kind === 'Append') this.value += command.value;
  }
}

/** Answers every command with PutOk. */
class YesServer extends AmnesiacServer {
  override handleRequest(message: Request, sender: Address): void {
    this.reply({ kind: 'PutOk' }, message, sender);
  }
}

/** Answers correctly, but only after holding each answer for 1.5 s. */
class SlowServer extends Node {
  handleRequest(message: Request, sender: Address): void {
    this.set({ kind: 'AnswerTimer', message, sender }, 1_500);
  }

  onAnswerTimer(timer: { message: Request; sender: Address }): void {
    this.send(
      { kind: 'Reply', sequence: timer.message.sequence, result: { kind: 'PutOk' } },
      timer.sender,
    );
  }
}

/** Keeps every request it ever received. */
class HoardingServer extends KVServer {
  readonly archive: Request[] = [];

  override handleRequest(message: Request, sender: Address): void {
    this.archive.push(message);
    super.handleRequest(message, sender);
  }
}

const SERVER = address('server');

function simulate(
  server: (at: Address) => Node,
  clientCount: number,
  workload: Workload,
): Simulation {
  const simulation = new Simulation({ seed: 1, network: { latencyMsMin: 1, latencyMsMax: 1 } });
  simulation.addNode(SERVER, () => server(SERVER));
  for (const client of addresses('client', clientCount))
    simulation.addClientWorker(client, () => new RetryClient(client, SERVER), workload);
  return simulation;
}

function failure(check: () => void): string {
  return thrownBy(check, CheckFailure).message;
}

describe('run checks', () => {
  it('checkResultsOk names the client, the command, the expected and the received result', () => {
    const simulation = simulate(
      (at) => new AmnesiacServer(at),
      1,
      kvWorkload(['PUT:k-%a:a', 'APPEND:k-%a:b'], ['PutOk', 'ab']),
    );
    simulation.runUntilClientsDone(1_000);
    expect(failure(() => checkResultsOk(simulation))).toBe(
      'client1 command 2 {"kind":"Append","key":"k-client1","value":"b"}: expected {"kind":"AppendResult","value":"ab"}, got {"kind":"AppendResult","value":"b"}',
    );
  });

  it('checkResultsOk passes a correct server', () => {
    const simulation = simulate(
      (at) => new KVServer(at),
      3,
      kvWorkload(['PUT:k-%a:a', 'APPEND:k-%a:%r', 'GET:other'], ['PutOk', 'a%r', 'KeyNotFound']),
    );
    simulation.runUntilClientsDone(1_000);
    checkClientsDone(simulation);
    checkResultsOk(simulation);
  });

  it('checkClientsDone names the client, its progress and the command it waits for', () => {
    const simulation = simulate((at) => new SilentServer(at), 2, kvWorkload(['PUT:k:v']));
    simulation.runUntilClientsDone(500);
    expect(failure(() => checkClientsDone(simulation))).toBe(
      'client1 is not done after 500 ms: 0 commands completed, still waiting for {"kind":"Put","key":"k","value":"v"}',
    );
  });

  it('checkAppendsLinearizable finds results that are not one chain of prefixes', () => {
    const simulation = simulate((at) => new SplitBrainServer(at), 2, sameKeyAppends(2));
    simulation.runUntilClientsDone(1_000);
    checkResultsOk(simulation); // nothing is expected of each single result
    expect(failure(() => checkAppendsLinearizable(simulation))).toBe(
      'append results are not a chain of prefixes: client1 command 1 got "client1.1;", client2 command 1 got "client2.1;"',
    );
  });

  it('checkAppendsLinearizable finds a result that does not end with its own value', () => {
    const simulation = simulate((at) => new OffByOneServer(at), 1, sameKeyAppends(2));
    simulation.runUntilClientsDone(1_000);
    expect(failure(() => checkAppendsLinearizable(simulation))).toBe(
      'client1 command 1 appended "client1.1;" but got "", which does not end with it',
    );
  });

  it('checkAppendsLinearizable refuses a result that is not an append result', () => {
    const simulation = simulate((at) => new YesServer(at), 1, sameKeyAppends(1));
    simulation.runUntilClientsDone(1_000);
    expect(failure(() => checkAppendsLinearizable(simulation))).toBe(
      'client1 command 1 {"kind":"Append","key":"shared","value":"client1.1;"}: expected an append result, got {"kind":"PutOk"}',
    );
  });

  it('checkAppendsLinearizable passes a correct server', () => {
    const simulation = simulate((at) => new KVServer(at), 4, sameKeyAppends(5));
    simulation.runUntilClientsDone(1_000);
    checkAppendsLinearizable(simulation);
  });

  it('checkMaxWaitBelow names the client that waited longest and the command', () => {
    const simulation = simulate((at) => new SlowServer(at), 2, kvWorkload(['PUT:a:1', 'PUT:a:2']));
    simulation.runFor(2_000);
    // Sent at 0 ms, held from 1 ms to 1501 ms, back at 1502 ms.
    expect(maxWaitMs(simulation.history, simulation.nowMs)).toEqual({
      waitMs: 1_502,
      client: 'client1',
      index: 0,
    });
    expect(failure(() => checkMaxWaitBelow(simulation, 1_000))).toBe(
      'client1 waited 1502.0 ms for command 1; the bound is 1000 ms',
    );
    checkMaxWaitBelow(simulation, 1_503);
  });

  it('checkMaxWaitBelow counts a command still pending until now', () => {
    const simulation = simulate((at) => new SilentServer(at), 1, kvWorkload(['GET:a']));
    simulation.runFor(1_200);
    expect(failure(() => checkMaxWaitBelow(simulation, 1_000))).toBe(
      'client1 waited 1200.0 ms for command 1; the bound is 1000 ms',
    );
  });

  it('checkStateSizeBelow names the node and both sizes', () => {
    const simulation = simulate(
      (at) => new HoardingServer(at),
      1,
      kvWorkload(Array.from({ length: 50 }, (_, index) => `PUT:key:${index}`)),
    );
    simulation.runUntilClientsDone(1_000);
    expect(failure(() => checkStateSizeBelow(simulation.node(SERVER), 1_000))).toBe(
      'server holds 4389 bytes of state; the bound is 1000 bytes',
    );
    checkStateSizeBelow(simulation.node(SERVER), 4_390);
    checkStateSizeAbove(simulation.node(SERVER), 4_388);
    expect(failure(() => checkStateSizeAbove(simulation.node(SERVER), 2_000_000))).toBe(
      'server holds only 4389 bytes of state; expected more than 2.00 MB',
    );
  });
});
