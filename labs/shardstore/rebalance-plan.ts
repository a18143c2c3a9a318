/**
 * When to move a shard, and which: the balancer's decision, apart from its messages so that it
 * can be read (and tested) alone.
 *
 * The skew of a window is the busiest group's load over the mean group load. Rebalancing
 * starts when the skew passes `startSkew` and stops only when it falls below `stopSkew`
 * (hysteresis: a load that hovers round one threshold does not start and stop moves in turn),
 * and after each Move the balancer waits `cooldownWindows` windows, so that the move is over
 * and measured before the next decision.
 */
export interface RebalanceSettings {
  readonly startSkew: number;
  readonly stopSkew: number;
  readonly cooldownWindows: number;
  /** Below this many commands in a window the load says nothing: no decision is made. */
  readonly minimumWindowLoad: number;
}

/** The settings the rebalancing test and benchmark use. */
export const DEFAULT_REBALANCE_SETTINGS: RebalanceSettings = {
  startSkew: 1.5,
  stopSkew: 1.3,
  cooldownWindows: 2,
  minimumWindowLoad: 50,
};

/** A shard to move and the group to move it to. */
export interface PlannedMove {
  readonly shard: number;
  readonly toGroup: number;
}

/** Each group's load: the sum of its shards' loads. */
export function groupLoadsOf(
  shardLoads: ReadonlyMap<number, ReadonlyMap<number, number>>,
): Map<number, number> {
  const groupLoads = new Map<number, number>();
  for (const [groupId, shards] of shardLoads) {
    let load = 0;
    for (const shardLoad of shards.values()) load += shardLoad;
    groupLoads.set(groupId, load);
  }
  return groupLoads;
}

/**
 * The skew of the loads: the largest group load over the mean (1 for an even load, and for no
 * load at all).
 */
export function loadSkew(groupLoads: ReadonlyMap<number, number>): number {
  const loads = [...groupLoads.values()];
  const total = loads.reduce((sum, load) => sum + load, 0);
  if (loads.length === 0 || total === 0) return 1;
  return Math.max(...loads) / (total / loads.length);
}

/**
 * The move that best evens the busiest and the idlest group: the busiest group's shard whose
 * load is closest to half their difference, provided that moving it leaves the idlest group
 * below the busiest's present load (moving a shard hotter than that would only move the hot
 * spot, and the next window would move it back). Undefined if no shard qualifies.
 */
export function planMove(
  shardLoads: ReadonlyMap<number, ReadonlyMap<number, number>>,
): PlannedMove | undefined {
  const groupLoads = groupLoadsOf(shardLoads);
  // Ties go to the lower group id, so that the plan does not depend on iteration order.
  const ordered = [...groupLoads].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const idlest = ordered[0];
  const busiest = ordered[ordered.length - 1];
  if (idlest === undefined || busiest === undefined || idlest[0] === busiest[0]) return undefined;
  const gap = busiest[1] - idlest[1];
  let best: { shard: number; distance: number } | undefined;
  for (const [shard, load] of shardLoads.get(busiest[0]) ?? new Map<number, number>()) {
    if (load <= 0 || load >= gap) continue;
    const distance = Math.abs(load - gap / 2);
    if (
      best === undefined ||
      distance < best.distance ||
      (distance === best.distance && shard < best.shard)
    )
      best = { shard, distance };
  }
  return best === undefined ? undefined : { shard: best.shard, toGroup: idlest[0] };
}
