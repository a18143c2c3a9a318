import { describe, expect, it } from 'vitest';
import { addresses } from '../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  CLIENTS_DONE_PRUNE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { seededRandom } from '../../framework/core/random.ts';
import { IntPairCache } from '../../framework/search/int-pair-cache.ts';
import { randomProbeSearch } from '../../framework/search/index.ts';
import { InternTable, SequenceTable } from '../../framework/system/intern-table.ts';
import { TransitionMemo } from '../../framework/system/transition-memo.ts';
import { sameKeyAppends } from '../../labs/kvstore/index.ts';
import { referenceImplementation } from '../../labs/paxos/implementation.ts';
import { PAXOS_INVARIANTS } from '../../labs/paxos/invariants.ts';
import { labOneModel } from './lab-one-model.ts';

/**
 * Lab 3 test 3.7's set-up: 3 optimized Paxos servers, 2 clients appending 3 times to one key,
 * timers on.
 */
function paxosModel(): SystemModel {
  const servers = addresses('server', 3);
  const builder = new SystemBuilder(1);
  for (const server of servers)
    builder.addNode(referenceImplementation.server(server, servers, 'optimized'));
  for (const client of addresses('client', 2))
    builder.addClientWorker(referenceImplementation.client(client, servers), sameKeyAppends(3));
  return new SystemModel(builder.build());
}

describe('the transition memo', () => {
  it('holds at most two generations, and keeps what is used across evictions', () => {
    const memo = new TransitionMemo<string>(4);
    memo.set(7, 1_000_000, 'kept');
    for (let event = 0; event < 100; event++) {
      memo.set(event, 2 * event, `value ${event}`);
      // Read at every step, so it is copied forward at every eviction.
      expect(memo.get(7, 1_000_000)).toBe('kept');
      expect(memo.size).toBeLessThanOrEqual(8);
    }
    expect(memo.evictionCount).toBeGreaterThan(10);
    expect(memo.get(0, 0)).toBeUndefined();
    expect(memo.get(99, 198)).toBe('value 99');
  });

  it('costs memory by the entries it holds, not by the largest id', () => {
    const memo = new TransitionMemo<number>(1 << 10);
    memo.set(2 ** 28, 2 ** 23, 1);
    expect(memo.sizeBytes).toBeLessThan(64 * 1024);
  });
});

describe('the int pair cache', () => {
  it('evicts a generation once the young one is full, and copies hits forward', () => {
    const cache = new IntPairCache(2);
    cache.set(1, 1, 10);
    cache.set(2, 2, 20);
    cache.set(3, 3, 30); // the first generation becomes old
    expect(cache.get(1, 1)).toBe(10); // copied into the young one
    cache.set(4, 4, 40); // the generation of (1, 1) and (3, 3) becomes old; (2, 2)'s is gone
    expect(cache.get(2, 2)).toBe(-1);
    expect(cache.get(1, 1)).toBe(10);
    expect(cache.get(4, 4)).toBe(40);
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});

describe('a search with a small transition memo', () => {
  it.each([
    [2, 2, 80],
    [3, 3, 4_095],
  ])(
    'counts the lab 1 space of %i clients x %i appends exactly (%i states) while it evicts',
    (clients, appends, expected) => {
      const model = labOneModel(clients, appends, 8);
      const result = breadthFirstSearch(model, [RESULTS_OK, CLIENTS_DONE_PRUNE]);
      expect(result).toMatchObject({ outcome: 'space exhausted', uniqueStates: expected });
      expect(model.system.transitionsCached).toBeLessThanOrEqual(16);
    },
  );

  it('probes lab 3 the same way as with the default memo', () => {
    const options = { seed: 3, probeLimit: 3, depthLimit: 300 };
    const predicates = [...PAXOS_INVARIANTS, RESULTS_OK, APPENDS_LINEARIZABLE];
    const small = labThreeWithMemo(16);
    const evicting = randomProbeSearch(small, predicates, options);
    const usual = randomProbeSearch(paxosModel(), predicates, options);
    expect(evicting).toMatchObject({
      outcome: usual.outcome,
      uniqueStates: usual.uniqueStates,
      transitions: usual.transitions,
    });
    expect(small.system.transitionsCached).toBeLessThanOrEqual(32);
  });
});

describe('a search past its memory budget', () => {
  const predicates = [...PAXOS_INVARIANTS, RESULTS_OK, APPENDS_LINEARIZABLE];

  it('ends as "memory exhausted", estimating the model\'s tables when it has no measure of the process', () => {
    // 4 MiB: the visited set's table (768 KiB) and a few thousand interned Paxos node states. The
    // tables are never forgotten here (see the next test for what happens when they are).
    const result = randomProbeSearch(paxosModel(), predicates, {
      seed: 1,
      probeLimit: 1_000,
      memoryLimitBytes: 4 * 2 ** 20,
      cacheBudgetBytes: Infinity,
    });
    expect(result).toMatchObject({ outcome: 'memory exhausted', limit: 'memory' });
    expect(result.transitions).toBeLessThan(1_000 * 1_000);
  });

  it('forgets the tables between probes instead, by default, and ends normally', () => {
    const model = paxosModel();
    let largestBytes = 0;
    const result = randomProbeSearch(model, predicates, {
      seed: 1,
      probeLimit: 60,
      depthLimit: 300,
      memoryLimitBytes: 4 * 2 ** 20,
      memoryBytes: () => {
        largestBytes = Math.max(largestBytes, model.sizeBytesEstimate());
        return 0;
      },
    });
    expect(result).toMatchObject({ outcome: 'time exhausted', limit: 'probes' });
    expect(model.system.epoch).toBeGreaterThan(0);
    // A quarter of the limit, and what one probe adds before the next forgetting.
    expect(largestBytes).toBeLessThan(2 * 2 ** 20);
  });

  it('ends as "memory exhausted" when the measure it is given passes the budget', () => {
    let measuredBytes = 0;
    const result = randomProbeSearch(paxosModel(), predicates, {
      seed: 1,
      probeLimit: 1_000,
      memoryLimitBytes: 10_000,
      memoryBytes: () => (measuredBytes += 1_000),
    });
    expect(result).toMatchObject({ outcome: 'memory exhausted', limit: 'memory' });
    // Memory is checked every 1,024 steps (and probe ends): the tenth check finds 10,000 bytes.
    expect(result.transitions).toBeGreaterThan(9 * 1024);
    expect(result.transitions).toBeLessThanOrEqual(10 * 1024);
  });
});

function labThreeWithMemo(transitionsPerGeneration: number): SystemModel {
  const servers = addresses('server', 3);
  const builder = new SystemBuilder(1);
  for (const server of servers)
    builder.addNode(referenceImplementation.server(server, servers, 'optimized'));
  for (const client of addresses('client', 2))
    builder.addClientWorker(referenceImplementation.client(client, servers), sameKeyAppends(3));
  return new SystemModel(builder.build({ transitionsPerGeneration }));
}

describe('a node system that forgets', () => {
  const predicates = [...PAXOS_INVARIANTS, RESULTS_OK, APPENDS_LINEARIZABLE];

  it('gives the states it reaches again the same fingerprints, under new ids', () => {
    const model = paxosModel();
    const [initial] = model.initialStates();
    const mark = model.mark();
    const random = seededRandom(7, 'forgetting test');
    const keys: string[] = [];
    const fingerprints: string[] = [];
    let state = initial!;
    for (let step = 0; step < 200; step++) {
      const events = model.events(state);
      if (events.length === 0) break;
      const event = events[random.integer(0, events.length - 1)]!;
      keys.push(model.eventKey(event));
      state = model.next(state, event);
      fingerprints.push(fingerprintText(model, state));
    }
    const interned = model.system.nodes.size;
    model.forgetSince(mark);
    expect(model.system.nodes.size).toBe(mark.nodes);
    expect(model.system.envelopes.size).toBe(mark.envelopes);
    expect(model.system.networks.size).toBe(mark.networks);

    // Replayed by event key, the path first interns something else (a no-op delivery's state
    // is never interned), so ids differ, but every state is the same state.
    state = initial!;
    const replayed = keys.map((key) => {
      const event = model.events(state).find((enabled) => model.eventKey(enabled) === key);
      expect(event).toBeDefined();
      state = model.next(state, event!);
      return fingerprintText(model, state);
    });
    expect(replayed).toEqual(fingerprints);
    expect(model.system.nodes.size).toBe(interned);
  });

  it('probes the same way for the same seed and budget', () => {
    const options = { seed: 2, probeLimit: 20, depthLimit: 300, cacheBudgetBytes: 2 ** 18 };
    const first = paxosModel();
    const second = paxosModel();
    const once = randomProbeSearch(first, predicates, options);
    const again = randomProbeSearch(second, predicates, options);
    expect(first.system.epoch).toBeGreaterThan(2);
    expect(again).toMatchObject({
      outcome: once.outcome,
      uniqueStates: once.uniqueStates,
      transitions: once.transitions,
    });
    expect(second.system.epoch).toBe(first.system.epoch);
  });
});

describe('interning tables cut back to a size', () => {
  it('give the cut ids again, and find nothing of what they forgot', () => {
    const table = new InternTable<string>();
    for (const key of ['a', 'b', 'c']) table.intern(key, key.toUpperCase());
    table.truncate(1);
    expect(table.size).toBe(1);
    expect(table.intern('c', 'C')).toBe(1);
    expect(table.intern('a', 'A')).toBe(0);
    expect(table.value(1)).toBe('C');
    expect(() => table.value(2)).toThrow(RangeError);
  });

  it('keep the sequences below the cut, and their hashes', () => {
    const table = new SequenceTable();
    const ids = Array.from({ length: 1_000 }, (_, index) =>
      table.intern([index, index + 1], 2, index, -index),
    );
    table.truncate(10);
    expect(table.size).toBe(10);
    expect(table.intern([3, 4], 2, 3, -3)).toBe(ids[3]);
    expect(table.intern([500, 501], 2, 500, -500)).toBe(10);
    expect(Array.from(table.view(10))).toEqual([500, 501]);
    expect(table.hashLow(9)).toBe(-9);
  });
});

function fingerprintText(model: SystemModel, state: SystemState): string {
  const { high, low } = model.fingerprint(state);
  return `${high}:${low}`;
}
