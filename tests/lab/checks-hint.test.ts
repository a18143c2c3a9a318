import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { type Address, address, type MessageHandlers, Node } from '../../framework/index.ts';
import {
  executeTest,
  expectOutcome,
  type LabTest,
  labTest,
  SystemBuilder,
  SystemModel,
} from '../../framework/testing.ts';
import { ProbeSender, type Probe } from '../fixtures/probe-nodes.ts';

const RECEIVER = address('receiver');
const SENDER = address('sender');

let deliveriesEver = 0;
/**
 * Numbers each delivery from a counter outside its state: the same delivery from the same state
 * gives another state.
 */
class StampingReceiver extends Node implements MessageHandlers<Probe> {
  private lastStamp = 0;
  handleProbe(_message: Probe, _sender: Address): void {
    this.lastStamp = ++deliveriesEver;
  }
}

/** Remembers which probes arrived: deterministic and idempotent, but 2^n states for n probes. */
class SeenReceiver extends Node implements MessageHandlers<Probe> {
  private readonly seen = new Set<number>();
  handleProbe(message: Probe, _sender: Address): void {
    this.seen.add(message.id);
  }
}

/**
 * A search test that expects to exhaust the space of `receiver` and 12 probes within 300 states.
 */
function exhaustingTest(receiver: () => Node): LabTest {
  return labTest({
    part: 1,
    number: 1,
    points: 1,
    kind: 'search',
    description: 'every state',
    run(context) {
      const model = new SystemModel(
        new SystemBuilder()
          .addNode(receiver())
          .addNode(new ProbeSender(SENDER, [RECEIVER], 12))
          .build(),
      );
      expectOutcome(
        context.search({
          description: 'every state',
          model,
          predicates: [],
          strategy: 'breadth-first',
          stateLimit: 300,
        }),
        'space exhausted',
      );
    },
  });
}

function failureLines(test: LabTest): string[] {
  const execution = executeTest(test, { seed: 1, now: () => performance.now() });
  expect(execution.passed).toBe(false);
  return (execution.failure ?? '').split('\n');
}

describe('a search that runs out of budget where it should exhaust its space', () => {
  it('suggests --checks when --checks finds a non-deterministic handler', () => {
    const lines = failureLines(exhaustingTest(() => new StampingReceiver(RECEIVER)));
    expect(lines[0]).toBe(
      'search "every state": expected space exhausted, got time exhausted after 300 states',
    );
    expect(lines[1]).toMatch(
      /^--checks finds why: non-deterministic handler: receiver handleProbe on sender -> receiver \{"kind":"Probe","id":\d+\} gave a different result when run again from the same state; run with --checks to see its trace$/,
    );
  });

  it('says nothing of --checks when the space is merely large', () => {
    expect(failureLines(exhaustingTest(() => new SeenReceiver(RECEIVER)))).toEqual([
      'search "every state": expected space exhausted, got time exhausted after 300 states',
    ]);
  });
});
