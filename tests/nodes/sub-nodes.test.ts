import { describe, expect, it } from 'vitest';
import {
  type Address,
  address,
  type Client,
  type Command,
  type MessageHandlers,
  Node,
  type Result,
  subAddress,
} from '../../framework/index.ts';
import {
  CLIENTS_DONE,
  scriptedWorkload,
  Simulation,
  SystemBuilder,
  SystemModel,
} from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';

interface Echo {
  readonly kind: 'Echo';
  readonly text: string;
}
interface Echoed {
  readonly kind: 'Echoed';
  readonly text: string;
}

/** A sub-node: it lives in its parent's state and answers at its own sub-address. */
class Echoer extends Node implements MessageHandlers<Echo> {
  count = 0;
  handleEcho(message: Echo, sender: Address): void {
    this.count++;
    this.send({ kind: 'Echoed', text: message.text.toUpperCase() }, sender);
  }
}

class Host extends Node implements MessageHandlers<Echo> {
  readonly echoer: Echoer;
  direct = 0;
  constructor(address: Address) {
    super(address);
    this.echoer = new Echoer(subAddress(address, 'echo'));
  }
  handleEcho(_message: Echo, _sender: Address): void {
    this.direct++;
  }
}

class EchoClient extends Node implements Client, MessageHandlers<Echoed> {
  private answer: Echoed | undefined = undefined;
  constructor(
    address: Address,
    private readonly target: Address,
  ) {
    super(address);
  }
  sendCommand(command: Command): void {
    this.answer = undefined;
    this.send({ kind: 'Echo', text: (command as unknown as { text: string }).text }, this.target);
  }
  hasResult(): boolean {
    return this.answer !== undefined;
  }
  getResult(): Result {
    if (this.answer === undefined) throw new Error('no answer');
    return this.answer;
  }
  handleEchoed(message: Echoed, sender: Address): void {
    if (sender === this.target) this.answer = message;
  }
}

const HOST = address('host');
const CHILD = subAddress(HOST, 'echo');
const CLIENT = address('client1');
const workload = scriptedWorkload(
  [{ kind: 'Say', text: 'hi' } as Command],
  [{ kind: 'Echoed', text: 'HI' } as Result],
);

describe('sub-nodes', () => {
  it('receive the messages sent to their sub-address, and send from it, in run mode', () => {
    const simulation = new Simulation({ seed: 1 });
    simulation.addNode(HOST, () => new Host(HOST));
    const worker = simulation.addClientWorker(
      CLIENT,
      () => new EchoClient(CLIENT, CHILD),
      workload,
    );
    expect(simulation.runUntilClientsDone(1_000)).toBe(true);
    expect(worker.results).toEqual([{ kind: 'Echoed', text: 'HI' }]);
    const host = simulation.node<Host>(HOST);
    expect(host.echoer.count).toBe(1);
    expect(host.direct).toBe(0);
  });

  it("are part of their parent's state in search, and copied with it", () => {
    const initial = new SystemBuilder()
      .addNode(new Host(HOST))
      .addClientWorker(new EchoClient(CLIENT, CHILD), workload)
      .build();
    const result = breadthFirstSearch(new SystemModel(initial), [CLIENTS_DONE]);
    expect(result.outcome).toBe('goal found');
    if (result.outcome !== 'goal found') throw new Error('no goal');
    expect(result.path).toHaveLength(2);
    expect(result.state.node<Host>(HOST).echoer.count).toBe(1);
    // The initial state's host was not touched: each event ran on a copy.
    expect(result.initial.node<Host>(HOST).echoer.count).toBe(0);
  });
});
