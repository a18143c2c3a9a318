import { describe, expect, it } from 'vitest';
import { groupLoadsOf, loadSkew, planMove } from '../../labs/shardstore/rebalance-plan.ts';

const loads = (entries: Record<number, Record<number, number>>) =>
  new Map(
    Object.entries(entries).map(([group, shards]) => [
      Number(group),
      new Map(Object.entries(shards).map(([shard, load]) => [Number(shard), load])),
    ]),
  );

describe('the rebalancing plan', () => {
  it('measures skew as the busiest group over the mean', () => {
    expect(
      loadSkew(
        new Map([
          [1, 10],
          [2, 10],
        ]),
      ),
    ).toBe(1);
    expect(
      loadSkew(
        new Map([
          [1, 30],
          [2, 0],
          [3, 0],
        ]),
      ),
    ).toBe(3);
    expect(loadSkew(new Map())).toBe(1);
    expect(groupLoadsOf(loads({ 1: { 1: 3, 2: 4 }, 2: {} }))).toEqual(
      new Map([
        [1, 7],
        [2, 0],
      ]),
    );
  });

  it('moves the busiest group shard closest to half the gap to the idlest group', () => {
    expect(planMove(loads({ 1: { 1: 40, 2: 40, 3: 2 }, 2: { 4: 2 }, 3: { 5: 10 } }))).toEqual({
      shard: 1,
      toGroup: 2,
    });
    // A gap of 90: shard 3 (50) is 5 from 45, shard 2 (30) is 15.
    expect(planMove(loads({ 1: { 1: 10, 2: 30, 3: 50 }, 2: { 4: 0 } }))).toEqual({
      shard: 3,
      toGroup: 2,
    });
  });

  it('never moves a shard hotter than the gap: that would only move the hot spot', () => {
    expect(planMove(loads({ 1: { 1: 100 }, 2: { 2: 5 } }))).toBeUndefined();
    expect(planMove(loads({ 1: { 1: 5 }, 2: { 2: 5 } }))).toBeUndefined();
  });
});
