import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addresses } from '../../framework/index.ts';
import { join, leave, move } from '../../labs/shardmaster/commands.ts';
import {
  type ConfigScriptCommand,
  ConfigScriptError,
  type ConfigScriptLimits,
  configScriptText,
  parseConfigScript,
} from '../../labs/shardstore/config-script.ts';

const groupServers = (groupId: number) => addresses(`server${groupId}-`, 2);
const limits = (groupCount: number, shardCount: number): ConfigScriptLimits => ({
  groupCount,
  shardCount,
  groupServers,
});
const THREE_GROUPS_TEN_SHARDS = limits(3, 10);

function errorOf(script: string, within = THREE_GROUPS_TEN_SHARDS): string {
  try {
    parseConfigScript(script, within);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigScriptError);
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(script)} was read without an error`);
}

describe('config scripts', () => {
  it('say Joins (with the group servers), Moves and Leaves, in order', () => {
    expect(parseConfigScript('JOIN:1,JOIN:2,MOVE:2:3,LEAVE:1', THREE_GROUPS_TEN_SHARDS)).toEqual([
      join(1, groupServers(1)),
      join(2, groupServers(2)),
      move(2, 3),
      leave(1),
    ]);
  });

  it('take keywords in any case and spaces around commas; an empty script says nothing', () => {
    expect(parseConfigScript(' join:3 , Move:1:10 ', THREE_GROUPS_TEN_SHARDS)).toEqual([
      join(3, groupServers(3)),
      move(1, 10),
    ]);
    expect(parseConfigScript('', THREE_GROUPS_TEN_SHARDS)).toEqual([]);
    expect(parseConfigScript('   ', THREE_GROUPS_TEN_SHARDS)).toEqual([]);
  });

  it('leave to the shard master what it refuses: a second Join of a group, a Move to its owner', () => {
    expect(parseConfigScript('JOIN:1,JOIN:1,MOVE:1:1', THREE_GROUPS_TEN_SHARDS)).toEqual([
      join(1, groupServers(1)),
      join(1, groupServers(1)),
      move(1, 1),
    ]);
  });

  it('are refused with a typed error naming the command and what is wrong', () => {
    expect(errorOf('JOIN:x')).toBe(
      'config script, command 1 "JOIN:x": the group must be a number from 1 to 3, not "x"',
    );
    expect(errorOf('JOIN:1,MOVE:2:11')).toBe(
      'config script, command 2 "MOVE:2:11": the shard must be a number from 1 to 10, not "11"',
    );
    expect(errorOf('JOIN:4')).toMatch(/command 1 "JOIN:4": the group must be a number from 1 to 3/);
    expect(errorOf('LEAVE:0')).toMatch(/the group must be a number from 1 to 3, not "0"/);
    expect(errorOf('JOIN:-1')).toMatch(/not "-1"/);
    expect(errorOf('JOIN:1.5')).toMatch(/not "1.5"/);
    expect(errorOf('JOIN:1e0')).toMatch(/not "1e0"/);
    expect(errorOf('JOIN:')).toMatch(/not ""/);
    expect(errorOf('MOVE:1')).toBe(
      'config script, command 1 "MOVE:1": takes two numbers, as in MOVE:g:shard',
    );
    expect(errorOf('JOIN:1:2')).toMatch(/takes one number, as in JOIN:g/);
    expect(errorOf('QUERY:1')).toMatch(/unknown command; use JOIN:g, LEAVE:g or MOVE:g:shard/);
    expect(errorOf('JOIN:1,,JOIN:2')).toBe(
      'config script, command 2 "": empty (two commas in a row?)',
    );
    expect(errorOf('JOIN:1,')).toMatch(/command 2 "": empty/);
    expect(errorOf(Array.from({ length: 1001 }, () => 'JOIN:1').join(','))).toBe(
      'config script: 1001 commands; a script holds at most 1000',
    );
  });

  const limitsArbitrary = fc
    .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100 }))
    .map(([groupCount, shardCount]) => limits(groupCount, shardCount));
  const commandArbitrary = (within: ConfigScriptLimits): fc.Arbitrary<ConfigScriptCommand> => {
    const group = fc.integer({ min: 1, max: within.groupCount });
    return fc.oneof(
      group.map((groupId) => join(groupId, groupServers(groupId))),
      group.map((groupId) => leave(groupId)),
      fc
        .tuple(group, fc.integer({ min: 1, max: within.shardCount }))
        .map(([groupId, shard]) => move(groupId, shard)),
    );
  };
  const scriptArbitrary = limitsArbitrary.chain((within) =>
    fc.tuple(fc.constant(within), fc.array(commandArbitrary(within), { maxLength: 30 })),
  );

  it('round-trip: the text of any commands reads back to the same commands', () => {
    fc.assert(
      fc.property(scriptArbitrary, ([within, commands]) => {
        expect(parseConfigScript(configScriptText(commands), within)).toEqual(commands);
      }),
    );
  });

  it('round-trip: any script read and written again is its canonical form, read the same', () => {
    const spaces = fc.constantFrom('', ' ', '  ');
    const spelledArbitrary = scriptArbitrary.chain(([within, commands]) =>
      fc.tuple(
        fc.constant(within),
        fc.constant(commands),
        fc.tuple(...commands.map(() => fc.tuple(spaces, fc.boolean(), spaces))),
      ),
    );
    fc.assert(
      fc.property(spelledArbitrary, ([within, commands, spellings]) => {
        // The same commands, spelled with lower-case keywords and spaces here and there.
        const spelled = configScriptText(commands)
          .split(',')
          .map((text, index) => {
            const [before, lower, after] = spellings[index] ?? ['', false, ''];
            const [keyword = '', ...rest] = text.split(':');
            return `${before}${[lower ? keyword.toLowerCase() : keyword, ...rest].join(':')}${after}`;
          })
          .join(',');
        const read = parseConfigScript(spelled, within);
        expect(read).toEqual(commands);
        expect(configScriptText(read)).toBe(configScriptText(commands));
      }),
    );
  });

  it('never fail on any text with anything but a ConfigScriptError', () => {
    const text = fc.stringMatching(/^[JOINLEAVMjoinlevm:,0-9x -]{0,30}$/);
    fc.assert(
      fc.property(text, limitsArbitrary, (script, within) => {
        try {
          const commands = parseConfigScript(script, within);
          // What is read is the script's canonical form.
          expect(parseConfigScript(configScriptText(commands), within)).toEqual(commands);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigScriptError);
          expect((error as Error).message).toMatch(/^config script/);
        }
      }),
    );
  });
});
