import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  address,
  type Client,
  type Command,
  Node,
  type Result,
  type TimerHandlers,
} from '../../framework/index.ts';
import {
  scriptedWorkload,
  SystemBuilder,
  SystemModel,
  SystemState,
} from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { SequenceTable } from '../../framework/system/intern-table.ts';
import { reachableStates } from '../search/brute-force.ts';
import { labOneModel } from './lab-one-model.ts';

// A client whose timers fire in several orders, one of them set again when it fires.
interface Tick {
  readonly kind: 'Tick';
  readonly label: string;
}
class TickingClient extends Node implements Client, TimerHandlers<Tick> {
  private fired: string[] = [];
  sendCommand(_command: Command): void {
    this.set({ kind: 'Tick', label: 'short' }, 10, 20);
    this.set({ kind: 'Tick', label: 'long' }, 20, 30);
    this.set({ kind: 'Tick', label: 'overlapping' }, 15, 40);
  }
  hasResult(): boolean {
    return this.fired.length >= 4;
  }
  getResult(): Result {
    return { kind: 'Fired' };
  }
  onTick(timer: Tick): void {
    this.fired = [...this.fired, timer.label];
    if (timer.label === 'short' && this.fired.length < 3)
      this.set({ kind: 'Tick', label: 'short' }, 10, 20);
  }
}

/**
 * A state's contents, spelled out from its public readers (ids are canonical: interned by content).
 */
function contentsOf(state: SystemState): string {
  return JSON.stringify([
    Array.from(state.nodeIds),
    Array.from(state.network),
    state.timers.map((queue) => Array.from(queue)),
  ]);
}

/**
 * The same state, given in full: its fingerprint computed from scratch rather than from its
 * parent's.
 */
function rebuilt(state: SystemState): SystemState {
  return SystemState.of(
    state.system,
    state.nodeIds,
    state.network,
    state.networkHashHigh,
    state.networkHashLow,
    state.timers,
  );
}

describe('SequenceTable', () => {
  const sequences = fc.array(fc.array(fc.nat(6), { maxLength: 5 }), { maxLength: 400 });

  it('gives equal sequences one id and different ones different ids, through growth', () => {
    fc.assert(
      fc.property(sequences, (lists) => {
        const table = new SequenceTable();
        const oracle = new Map<string, number>();
        for (const list of lists) {
          // A weak hash (the sum), so that different sequences with equal hashes are common.
          const sum = list.reduce((total, value) => total + value, 0);
          const id = table.intern(list, list.length, sum, sum * 3);
          const expected = oracle.get(list.join()) ?? oracle.size;
          oracle.set(list.join(), expected);
          expect(id).toBe(expected);
          expect(Array.from(table.view(id))).toEqual(list);
          expect(table.length(id)).toBe(list.length);
          expect(table.hashHigh(id)).toBe(sum);
        }
        expect(table.size).toBe(oracle.size);
      }),
    );
  });
});

describe('system states', () => {
  const walks = fc.array(fc.nat(), { minLength: 1, maxLength: 30 });
  const models = [(): SystemModel => labOneModel(3, 2), (): SystemModel => timerModel()];

  it('compute the same fingerprint from a parent as from their whole contents', () => {
    for (const makeModel of models) {
      fc.assert(
        fc.property(walks, (choices) => {
          const model = makeModel();
          let state = model.initialStates()[0]!;
          for (const choice of choices) {
            const events = model.events(state);
            if (events.length === 0) break;
            const next = model.next(state, events[choice % events.length]!);
            const whole = rebuilt(next);
            expect([next.fingerprintHigh, next.fingerprintLow]).toEqual([
              whole.fingerprintHigh,
              whole.fingerprintLow,
            ]);
            expect(contentsOf(whole)).toBe(contentsOf(next));
            // Unchanged states are returned as they are.
            if (contentsOf(next) === contentsOf(state)) expect(next).toBe(state);
            state = next;
          }
        }),
        { numRuns: 50 },
      );
    }
  });

  it('build their contents from a chain of successors none of which was read', () => {
    fc.assert(
      fc.property(walks, (choices) => {
        const model = labOneModel(2, 2);
        const reference = labOneModel(2, 2);
        let state = model.initialStates()[0]!;
        let read = reference.initialStates()[0]!;
        const chain: SystemState[] = [];
        const twins: string[] = [];
        for (const choice of choices) {
          // The events of a state are the ones of its contents: read them on the other model's
          // twin.
          const events = reference.events(read);
          if (events.length === 0) break;
          const event = events[choice % events.length]!;
          read = reference.next(read, event);
          state = model.next(state, event);
          chain.push(state);
          twins.push(contentsOf(read));
        }
        // The last one first: its ancestors are built on the way.
        expect(contentsOf(state)).toBe(contentsOf(read));
        expect(chain.map(contentsOf)).toEqual(twins);
      }),
      { numRuns: 50 },
    );
  });

  it('are counted as a search of whole contents counts them', () => {
    for (const makeModel of models) {
      const model = makeModel();
      const oracle = reachableStates(model, contentsOf);
      expect(breadthFirstSearch(model, []).uniqueStates).toBe(oracle.size);
    }
  });

  it('read their nodes, messages and timers', () => {
    const model = timerModel();
    const initial = model.initialStates()[0]!;
    expect(initial.timersOf(address('client1')).map((entry) => entry.timer)).toEqual([
      { kind: 'Tick', label: 'short' },
      { kind: 'Tick', label: 'long' },
      { kind: 'Tick', label: 'overlapping' },
    ]);
    expect(initial.timersOf(address('nobody'))).toEqual([]);
    expect(initial.messages()).toEqual([]);
    expect(initial.nodes().map((node) => node.address)).toEqual([address('client1')]);
    expect(initial.clientsDone()).toBe(false);
    // Events: short, overlapping (long waits for short). Short is set again when it fires.
    const [short, overlapping] = model.events(initial);
    expect(
      model
        .next(initial, overlapping!)
        .timersOf(address('client1'))
        .map((entry) => (entry.timer as Tick).label),
    ).toEqual(['short', 'long']);
    expect(
      model
        .next(initial, short!)
        .timersOf(address('client1'))
        .map((entry) => (entry.timer as Tick).label),
    ).toEqual(['long', 'overlapping', 'short']);
    expect(() => initial.node(address('nobody'))).toThrow(/there is no node nobody/);
  });

  it('refuse a network hash that is not their envelopes', () => {
    const state = labOneModel(1, 1).initialStates()[0]!;
    expect(() =>
      SystemState.of(state.system, state.nodeIds, state.network, 1, 2, state.timers),
    ).toThrow(/network hash/);
  });
});

function timerModel(): SystemModel {
  return new SystemModel(
    new SystemBuilder()
      .addClientWorker(new TickingClient(address('client1')), scriptedWorkload([{ kind: 'Go' }]))
      .build(),
  );
}
