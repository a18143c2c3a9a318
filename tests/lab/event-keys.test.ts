import { describe, expect, it } from 'vitest';
import {
  type Address,
  address,
  type Client,
  type Command,
  Node,
  type Result,
} from '../../framework/index.ts';
import { scriptedWorkload, SystemBuilder, SystemModel } from '../../framework/testing.ts';

/** Sends two messages that differ only far beyond what a description shows. */
class LongTalker extends Node implements Client {
  constructor(
    address: Address,
    private readonly peer: Address,
  ) {
    super(address);
  }
  sendCommand(_command: Command): void {
    const padding = 'p'.repeat(300);
    this.send({ kind: 'Long', text: `${padding}a` }, this.peer);
    this.send({ kind: 'Long', text: `${padding}b` }, this.peer);
  }
  hasResult(): boolean {
    return false;
  }
  getResult(): Result {
    throw new Error('never');
  }
}

class Listener extends Node {
  heard: string[] = [];
  handleLong(message: { kind: 'Long'; text: string }): void {
    this.heard = [...this.heard, message.text.slice(-1)];
  }
}

describe('event identity in search traces', () => {
  it('tells apart events whose descriptions are cut to look alike', () => {
    const listener = address('listener');
    const model = new SystemModel(
      new SystemBuilder()
        .addNode(new Listener(listener))
        .addClientWorker(
          new LongTalker(address('talker'), listener),
          scriptedWorkload([{ kind: 'Go' }]),
        )
        .build(),
    );
    const [initial] = model.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    const [first, second] = model.events(initial);
    if (first === undefined || second === undefined) throw new Error('expected two messages');
    expect(model.describeEvent(first)).toBe(model.describeEvent(second));
    expect(model.eventKey(first)).not.toBe(model.eventKey(second));
    expect(model.sameEvent(first, second)).toBe(false);
    expect(model.sameEvent(first, first)).toBe(true);
  });
});
