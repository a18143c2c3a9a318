import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import { cloneState, encode } from '../../framework/engine.ts';
import {
  join,
  leave,
  move,
  query,
  type ShardMasterCommand,
} from '../../labs/shardmaster/commands.ts';
import type { ShardConfig } from '../../labs/shardmaster/results.ts';
import { ShardMaster } from '../../labs/shardmaster/shard-master.ts';

const GROUPS_MAX = 7;

const servers = (groupId: number) => [address(`server${groupId}a`), address(`server${groupId}b`)];

/** A random command over groups 1..7 and shards 0..N+1 (so that some Moves are out of range). */
const commandArbitrary = (shardCount: number): fc.Arbitrary<ShardMasterCommand> =>
  fc.oneof(
    fc.integer({ min: 1, max: GROUPS_MAX }).map((groupId) => join(groupId, servers(groupId))),
    fc.integer({ min: 1, max: GROUPS_MAX }).map((groupId) => leave(groupId)),
    fc
      .tuple(fc.integer({ min: 1, max: GROUPS_MAX }), fc.integer({ min: 0, max: shardCount + 1 }))
      .map(([groupId, shard]) => move(groupId, shard)),
  );

const scriptArbitrary = fc
  .integer({ min: 1, max: 30 })
  .chain((shardCount) =>
    fc.tuple(fc.constant(shardCount), fc.array(commandArbitrary(shardCount), { maxLength: 40 })),
  );

function latest(master: ShardMaster): ShardConfig | undefined {
  const result = master.execute(query(-1));
  return result.kind === 'ShardConfig' ? result : undefined;
}

function counts(config: ShardConfig): number[] {
  return [...config.groups.values()].map((info) => info.shards.length);
}

function spread(config: ShardConfig): number {
  return Math.max(...counts(config)) - Math.min(...counts(config));
}

function ownerOf(config: ShardConfig | undefined, shard: number): number | undefined {
  for (const [groupId, info] of config?.groups ?? [])
    if (info.shards.includes(shard)) return groupId;
  return undefined;
}

/** Whether the command must be refused, judged from the latest config alone (the oracle). */
function mustFail(
  command: ShardMasterCommand,
  config: ShardConfig | undefined,
  shardCount: number,
): boolean {
  const present = (groupId: number) => config?.groups.has(groupId) === true;
  switch (command.kind) {
    case 'Join':
      return present(command.groupId);
    case 'Leave':
      return !present(command.groupId) || config?.groups.size === 1;
    case 'Move':
      return (
        !present(command.groupId) ||
        command.shard < 1 ||
        command.shard > shardCount ||
        ownerOf(config, command.shard) === command.groupId
      );
    case 'Query':
      return config === undefined;
  }
}

function moved(previous: ShardConfig, current: ShardConfig): number {
  let count = 0;
  for (const [groupId, info] of previous.groups)
    for (const shard of info.shards) if (ownerOf(current, shard) !== groupId) count++;
  return count;
}

describe('shard master properties over random Join/Leave/Move sequences', () => {
  it('answers Error exactly when the rules say, and a refused command changes nothing', () => {
    fc.assert(
      fc.property(scriptArbitrary, ([shardCount, script]) => {
        const master = new ShardMaster(shardCount);
        for (const command of script) {
          const before = latest(master);
          const result = master.execute(command);
          expect(result.kind).toBe(mustFail(command, before, shardCount) ? 'Error' : 'Ok');
          if (result.kind === 'Error') expect(encode(latest(master))).toBe(encode(before));
          else expect(latest(master)?.configNum).toBe((before?.configNum ?? -1) + 1);
        }
      }),
    );
  });

  it('every config partitions 1..N among its groups, each listed with its servers', () => {
    fc.assert(
      fc.property(scriptArbitrary, ([shardCount, script]) => {
        const master = new ShardMaster(shardCount);
        for (const command of script) {
          if (master.execute(command).kind === 'Error') continue;
          const config = latest(master);
          if (config === undefined) throw new Error('an Ok created no config');
          const owned = [...config.groups.values()].flatMap((info) => info.shards);
          expect(owned.sort((a, b) => a - b)).toEqual(
            Array.from({ length: shardCount }, (_, index) => index + 1),
          );
          for (const [groupId, info] of config.groups)
            expect(info.servers).toEqual(servers(groupId));
        }
      }),
    );
  });

  it('is balanced within 1 after a Join or Leave, and within 1 + 2k after k Moves', () => {
    fc.assert(
      fc.property(scriptArbitrary, ([shardCount, script]) => {
        const master = new ShardMaster(shardCount);
        let moves = 0;
        for (const command of script) {
          if (master.execute(command).kind === 'Error') continue;
          moves = command.kind === 'Move' ? moves + 1 : 0;
          const config = latest(master);
          if (config !== undefined) expect(spread(config)).toBeLessThanOrEqual(1 + 2 * moves);
        }
      }),
    );
  });

  it('moves as few shards as it can: a Join its share, a Leave the leaver’s, a Move one', () => {
    fc.assert(
      fc.property(scriptArbitrary, ([shardCount, script]) => {
        const master = new ShardMaster(shardCount);
        for (const command of script) {
          const previous = latest(master);
          if (master.execute(command).kind === 'Error' || previous === undefined) continue;
          const current = latest(master);
          if (current === undefined) throw new Error('an Ok created no config');
          const count = moved(previous, current);
          if (command.kind === 'Move') expect(count).toBe(1);
          // From an unbalanced config (after Moves) a Join or Leave must also even things out.
          else if (spread(previous) > 1) continue;
          else if (command.kind === 'Join') {
            const share = Math.floor(shardCount / current.groups.size);
            expect(current.groups.get(command.groupId)?.shards.length).toBe(share);
            expect(count).toBe(share);
          } else if (command.kind === 'Leave')
            expect(count).toBe(previous.groups.get(command.groupId)?.shards.length);
        }
      }),
    );
  });

  it('is deterministic: fresh instances and a copy taken midway compute the same configs', () => {
    fc.assert(
      fc.property(scriptArbitrary, fc.nat(), ([shardCount, script], cut) => {
        const first = new ShardMaster(shardCount);
        const second = new ShardMaster(shardCount);
        const at = script.length === 0 ? 0 : cut % script.length;
        let copy: ShardMaster | undefined;
        script.forEach((command, index) => {
          if (index === at) copy = cloneState(first);
          expect(encode(first.execute(command))).toBe(encode(second.execute(command)));
        });
        for (const command of script.slice(at)) copy?.execute(command);
        const configs = (master: ShardMaster) => {
          const top = latest(master)?.configNum ?? -1;
          return Array.from({ length: top + 1 }, (_, n) => encode(master.execute(query(n))));
        };
        expect(configs(second)).toEqual(configs(first));
        if (copy !== undefined) expect(configs(copy)).toEqual(configs(first));
      }),
    );
  });

  it('answers a historical Query with the config it created then, and past the latest with the latest', () => {
    fc.assert(
      fc.property(scriptArbitrary, ([shardCount, script]) => {
        const master = new ShardMaster(shardCount);
        const created: string[] = [];
        for (const command of script)
          if (master.execute(command).kind === 'Ok') created.push(encode(latest(master)));
        created.forEach((config, n) => expect(encode(master.execute(query(n)))).toBe(config));
        if (created.length > 0)
          expect(encode(master.execute(query(created.length + 5)))).toBe(created.at(-1));
      }),
    );
  });
});
