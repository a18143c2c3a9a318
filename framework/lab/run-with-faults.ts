import type { Address } from '../core/address.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { FaultProfile, FaultWindow } from './fault-profile.ts';

/** The nodes a profile's windows may strike: a window's target picks one of each list. */
export interface FaultTargets {
  /** Nodes a partition window cuts off from all others. */
  readonly partitionable: readonly Address[];
  /** Nodes a crash window stops and then restarts (leave empty if a crash loses state). */
  readonly crashable: readonly Address[];
}

type FaultChange = {
  readonly atMs: number;
  readonly apply: (simulation: Simulation) => void;
};

/**
 * Runs `simulation` through the profile's fault windows (`faultyMs` of simulated time): at a
 * partition window's start its node is cut off from every other node, at its end the network
 * heals; at a crash window's start its node stops, at its end it restarts. Afterwards every
 * link is restored and every crashed node restarted, so the caller can run on until clients
 * finish and check the outcome.
 */
export function runWithFaults(
  simulation: Simulation,
  profile: FaultProfile,
  targets: FaultTargets,
): void {
  const pick = (nodes: readonly Address[], window: FaultWindow): Address | undefined =>
    nodes[Math.floor(window.target * nodes.length)];
  const changes: FaultChange[] = [];
  for (const window of profile.partitions) {
    const node = pick(targets.partitionable, window);
    if (node === undefined) continue;
    changes.push({
      atMs: window.startMs,
      apply: (running) =>
        running.partition(
          [node],
          running.addresses().filter((other) => other !== node),
        ),
    });
    changes.push({ atMs: window.endMs, apply: (running) => running.healPartition() });
  }
  const crashed = new Set<Address>();
  for (const window of profile.crashes) {
    const node = pick(targets.crashable, window);
    if (node === undefined) continue;
    changes.push({
      atMs: window.startMs,
      apply: (running) => {
        if (crashed.has(node)) return;
        crashed.add(node);
        running.stopNode(node);
      },
    });
    changes.push({
      atMs: window.endMs,
      apply: (running) => {
        if (!crashed.delete(node)) return;
        running.restartNode(node);
      },
    });
  }
  // Overlapping partition windows: the later one replaces the earlier, and the first end heals.
  changes.sort((a, b) => a.atMs - b.atMs);
  let nowMs = 0;
  for (const change of changes) {
    simulation.runFor(change.atMs - nowMs);
    nowMs = change.atMs;
    change.apply(simulation);
  }
  simulation.runFor(profile.faultyMs - nowMs);
  simulation.healPartition();
  for (const node of crashed) simulation.restartNode(node);
}
