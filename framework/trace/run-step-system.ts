import type { Address } from '../core/address.ts';
import { ClientWorker } from '../core/client-worker.ts';
import { cloneState } from '../core/clone.ts';
import { currentEffects } from '../core/effects.ts';
import type { Node } from '../core/node.ts';
import { executeTest, type LabTest } from '../lab/lab-test.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';
import { isTimelineStep, type RunTimelineBuilder } from './run-timeline-builder.ts';
import { SystemBuilder } from '../system/system-builder.ts';
import { SystemModel } from '../system/system-model.ts';
import { CLIENTS_DONE, RESULTS_OK } from '../system/system-predicates.ts';
import type { SystemSearchSettings } from '../system/system-search-settings.ts';
import type { Predicate } from '../search/predicate.ts';
import type { SystemState } from '../system/system-state.ts';
import { TraceStepsRecorder } from './trace-steps-recorder.ts';

class StopAtStep extends Error {
  constructor() {
    super('stopped at the requested step');
  }
}

/** The node system of a run test at one of its steps, as a search model to explore from. */
export interface RunStepSystem {
  readonly model: SystemModel;
  readonly predicates: readonly Predicate<SystemState>[];
}

/**
 * Runs a run test in the page up to step `position` of its simulation number `simulation`
 * (the seed makes it the same run as the trace's), and turns that moment into the start of
 * a search: every node as it is, the messages in flight, the pending timers (in the order
 * they are due), and as restrictions the nodes that are down and the partition in force.
 */
export function runStepSystem(
  test: LabTest,
  seed: number,
  variant: string | undefined,
  simulation: number,
  position: number,
): RunStepSystem {
  const recorder = new TraceStepsRecorder(true);
  const simulations: Simulation[] = [];
  let logged = 0;
  let stoppedAt: SimulationEvent | undefined;
  const watched = recorder.watch({
    ...test,
    run: (context) =>
      test.run({
        ...context,
        simulation: (network) => {
          if (simulations.length === simulation + 1) throw new StopAtStep();
          const created = context.simulation(network);
          simulations.push(created);
          return created;
        },
      }),
  });
  const recordEvent = recorder.onEvent();
  executeTest(watched, {
    seed,
    ...(variant === undefined ? {} : { variant }),
    afterEvent: recorder.afterEvent,
    onEvent: (event) => {
      if (simulations.length === simulation + 1 && isTimelineStep(event, logged)) {
        if (logged === position) {
          stoppedAt = event;
          throw new StopAtStep();
        }
        logged++;
      }
      recordEvent?.(event);
    },
  });
  const target = simulations[simulation];
  const builder = recorder.runBuilders[simulation];
  if (target === undefined || builder === undefined)
    throw new Error(`the test did not create simulation ${simulation + 1}`);
  const nowMicros = target.nowMs * 1000;
  const systemBuilder = new SystemBuilder(seed);
  const pending = withStoppedEvent(builder.pendingEntries(), stoppedAt);
  for (const address of target.addresses()) {
    const node = cloneState(target.node(address));
    const mine = pending.filter((entry) =>
      entry.type === 'message'
        ? entry.from?.split('/')[0] === address
        : entry.to.split('/')[0] === address,
    );
    replaceInit(node, () => {
      const effects = currentEffects();
      for (const entry of mine) {
        if (entry.type === 'message' && entry.message !== undefined)
          effects.send(entry.from as Address, entry.to as Address, entry.message);
        else if (entry.timer !== undefined) {
          const remaining = Math.max(0, entry.timeMicros - nowMicros);
          effects.setTimer(entry.to as Address, entry.timer, remaining, remaining);
        }
      }
    });
    systemBuilder.addNode(node);
  }
  const settings = restrictions(target);
  const model = new SystemModel(systemBuilder.build(), settings);
  const hasClients = target
    .addresses()
    .some((address) => target.node(address) instanceof ClientWorker);
  return { model, predicates: hasClients ? [RESULTS_OK, CLIENTS_DONE] : [] };
}

type PendingEntry = ReturnType<RunTimelineBuilder['pendingEntries']>[number];

/**
 * The event the run stopped at was taken off the queue but not handled: it is pending
 * still. (The recorder may not have seen its entry: the first event of a run, say.)
 */
function withStoppedEvent(
  pending: readonly PendingEntry[],
  event: SimulationEvent | undefined,
): readonly PendingEntry[] {
  if (event === undefined || (event.type !== 'deliver' && event.type !== 'timer')) return pending;
  const known = pending.some(
    (entry) =>
      entry.to === event.to &&
      (event.type === 'deliver'
        ? entry.message === event.message && entry.from === event.from
        : entry.timer === event.timer),
  );
  if (known) return pending;
  const entry: PendingEntry =
    event.type === 'deliver'
      ? {
          type: 'message',
          from: event.from,
          to: event.to,
          message: event.message,
          timeMicros: event.timeMicros,
        }
      : { type: 'timer', to: event.to, timer: event.timer, timeMicros: event.timeMicros };
  return [entry, ...pending];
}

/**
 * Makes the node's `init()` re-create what was pending instead of starting afresh. The
 * override is not enumerable, so it is not part of the node's state.
 */
function replaceInit(node: Node, init: () => void): void {
  Object.defineProperty(node, 'init', {
    value: init,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

/** Nodes that are down, and the partition and cut links in force at the step. */
function restrictions(simulation: Simulation): SystemSearchSettings {
  const inactiveNodes = simulation.addresses().filter((address) => !simulation.isActive(address));
  return {
    ...(inactiveNodes.length === 0 ? {} : { inactiveNodes }),
    ...simulation.connectivity(),
  };
}
