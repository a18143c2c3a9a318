import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import {
  goal,
  invariant,
  isFinding,
  SystemBuilder,
  SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import { breadthFirstSearch } from '../../framework/engine.ts';
import { replayPath } from '../../framework/search/index.ts';
import { SystemStepper } from '../../framework/trace/system-stepper.ts';
import { DurableNode } from '../fixtures/durable-node.ts';
import { ProbeSender } from '../fixtures/probe-nodes.ts';

const durable = address('durable');
const sender = address('sender');

/** A durable node that two probes are sent to (or none); it may crash as the settings allow. */
function model(max: number, probes = 2): SystemModel {
  const initial = new SystemBuilder()
    .addNode(new DurableNode(durable))
    .addNode(new ProbeSender(sender, [durable], probes))
    .build();
  return new SystemModel(initial, { crashes: { nodes: [durable], max } });
}

function crashEvents(crashing: SystemModel, state: SystemState): number[] {
  return crashing.events(state).filter((event) => crashing.crashedNode(event) >= 0);
}

describe('crashes in search', () => {
  it('are events within the budget, described as such', () => {
    const crashing = model(1);
    const [initial] = crashing.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    const [crash] = crashEvents(crashing, initial);
    if (crash === undefined) throw new Error('no crash event enabled');
    expect(crashing.describeEvent(crash)).toBe('durable crashes and restarts');
    expect(crashing.eventKey(crash)).toBe('crash durable');
    const after = crashing.next(initial, crash);
    // The budget of one crash is spent.
    expect(crashEvents(crashing, after)).toEqual([]);
    expect(crashEvents(model(0), initial)).toEqual([]);
    // Without crash settings there are none.
    expect(
      new SystemModel(initial).events(initial).every((event) => crashing.crashedNode(event) < 0),
    ).toBe(true);
  });

  it('keep the persistent fields, reset the others, and replace the pending timers with those init() sets', () => {
    const crashing = model(1);
    const [initial] = crashing.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    const delivery = crashing.events(initial).find((event) => event >= 0);
    if (delivery === undefined) throw new Error('no probe in flight');
    const probed = crashing.next(initial, delivery);
    expect(probed.node<DurableNode>(durable).volatileCount).toBe(1);
    const [crash] = crashEvents(crashing, probed);
    if (crash === undefined) throw new Error('no crash event enabled');
    const restarted = crashing.next(probed, crash);
    const node = restarted.node<DurableNode>(durable);
    expect(node.log).toEqual(probed.node<DurableNode>(durable).log);
    expect(node.boots).toBe(2);
    expect(node.volatileCount).toBe(0);
    expect(node.lastProbe).toBeUndefined();
    expect(restarted.timersOf(durable).map((entry) => entry.timer)).toEqual([
      { kind: 'Alarm', boot: 2 },
    ]);
    // The crash's record is no message.
    expect(restarted.messages()).toEqual(probed.messages());
    expect(
      restarted.fingerprintHigh === probed.fingerprintHigh &&
        restarted.fingerprintLow === probed.fingerprintLow,
    ).toBe(false);
  });

  it('are explored by search and replayed from the initial state', () => {
    // Boots reach 3 only through two crashes. (Without probes the space is finite: a
    // probe delivered again and again would grow the log without end.)
    const thirdBoot = goal<SystemState>(
      'booted three times',
      (state) => state.node<DurableNode>(durable).boots === 3,
    );
    const once = breadthFirstSearch(model(1, 0), [thirdBoot]);
    expect(once.outcome).toBe('space exhausted');
    // One boot or two, the alarm of this boot fired or not (alarms are volatile: a crash
    // after the first alarm gives the same state as a crash before it).
    expect(once.uniqueStates).toBe(4);
    const crashing = model(2, 0);
    const found = breadthFirstSearch(crashing, [thirdBoot]);
    expect(found.outcome).toBe('goal found');
    if (!isFinding(found)) throw new Error('no finding');
    expect(found.path.map((event) => crashing.describeEvent(event))).toEqual([
      'durable crashes and restarts',
      'durable crashes and restarts',
    ]);
    const neverThree = invariant<SystemState>(
      'never booted three times',
      (state) => state.node<DurableNode>(durable).boots < 3 || 'booted three times',
    );
    const replayed = replayPath(crashing, found.initial, found.path, [neverThree]);
    expect(replayed.outcome).toBe('invariant violated');
    expect(replayed.step).toBe(2);
  });

  it('show in the visualizer as a crash of the node, its timers discarded and set anew', () => {
    const crashing = model(1);
    const [initial] = crashing.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    const stepper = new SystemStepper(crashing, []);
    const { frame } = stepper.startFrame(initial);
    const [crash] = crashEvents(crashing, initial);
    if (crash === undefined) throw new Error('no crash event enabled');
    const { step } = stepper.step(frame, crash);
    expect(step.event).toEqual({
      type: 'control',
      action: 'crash',
      nodes: ['durable'],
      label: 'durable crashes and restarts',
    });
    expect(step.removed).toHaveLength(1);
    expect(step.added?.map((item) => item.kind)).toEqual(['timer']);
  });

  it('name an unknown node or a bad budget clearly', () => {
    const initial = new SystemBuilder().addNode(new DurableNode(durable)).build();
    expect(
      () => new SystemModel(initial, { crashes: { nodes: [address('nobody')], max: 1 } }),
    ).toThrow('cannot crash nobody: there is no such node');
    expect(() => new SystemModel(initial, { crashes: { nodes: [durable], max: -1 } })).toThrow(
      'a crash budget must be a non-negative integer, not -1',
    );
  });
});
