import type { Address } from '../../framework/index.ts';
import { join, leave, move, type Join, type Leave, type Move } from '../shardmaster/index.ts';

/** The shard master commands a config script can say: the ones that change the configuration. */
export type ConfigScriptCommand = Join | Leave | Move;

/** What a script's group ids and shards are checked against. */
export interface ConfigScriptLimits {
  /** Groups `1..groupCount` exist; a script may name no other. */
  readonly groupCount: number;
  /** Shards are `1..shardCount`. */
  readonly shardCount: number;
  /** The servers of group `groupId` (in `1..groupCount`), which its Join carries. */
  groupServers(groupId: number): readonly Address[];
}

/** A config script that cannot be read: its message names the command and what is wrong. */
export class ConfigScriptError extends Error {
  override readonly name = 'ConfigScriptError';
}

/** How each keyword is written, with the numbers it takes (DSLabs's `Move(groupId, shard)`). */
const USAGE: Record<string, string> = { JOIN: 'JOIN:g', LEAVE: 'LEAVE:g', MOVE: 'MOVE:g:shard' };
/** Commands one script may hold: a script is typed by hand, and each becomes a client command. */
const COMMANDS_MAX = 1_000;

/**
 * Reads a config script, `JOIN:1,JOIN:2,MOVE:2:3,LEAVE:1`, into the shard master commands it
 * says, in order: `JOIN:g` joins group g with its servers, `LEAVE:g` removes it, `MOVE:g:s`
 * gives shard s to group g. Keywords may be in any case and spaces around commas are ignored;
 * an empty script says nothing. Whether a command succeeds (a Join of a group already
 * present is the shard master's `Error`) is the shard master's business, not the script's:
 * the script is checked only for what can never be meant — unknown keywords, numbers that are
 * not numbers, groups and shards that do not exist.
 *
 * @throws {@link ConfigScriptError} naming the first command that cannot be read.
 * @example
 * ```ts
 * parseConfigScript('JOIN:1,MOVE:1:3', limits); // [join(1, servers of group 1), move(1, 3)]
 * ```
 */
export function parseConfigScript(
  script: string,
  limits: ConfigScriptLimits,
): ConfigScriptCommand[] {
  if (script.trim() === '') return [];
  const texts = script.split(',');
  if (texts.length > COMMANDS_MAX)
    throw new ConfigScriptError(
      `config script: ${texts.length} commands; a script holds at most ${COMMANDS_MAX}`,
    );
  return texts.map((text, index) => parseCommand(text.trim(), index + 1, limits));
}

function parseCommand(
  text: string,
  position: number,
  limits: ConfigScriptLimits,
): ConfigScriptCommand {
  const where = `config script, command ${position} ${JSON.stringify(text)}`;
  if (text === '') throw new ConfigScriptError(`${where}: empty (two commas in a row?)`);
  const [word = '', ...values] = text.split(':');
  const keyword = word.toUpperCase();
  const usage = USAGE[keyword];
  if (usage === undefined)
    throw new ConfigScriptError(`${where}: unknown command; use JOIN:g, LEAVE:g or MOVE:g:shard`);
  const expected = keyword === 'MOVE' ? 2 : 1;
  if (values.length !== expected)
    throw new ConfigScriptError(
      `${where}: takes ${expected === 1 ? 'one number' : 'two numbers'}, as in ${usage}`,
    );
  const group = parseNumber(values[0] ?? '', 'group', limits.groupCount, where);
  if (keyword === 'JOIN') return join(group, limits.groupServers(group));
  if (keyword === 'LEAVE') return leave(group);
  return move(group, parseNumber(values[1] ?? '', 'shard', limits.shardCount, where));
}

function parseNumber(text: string, what: 'group' | 'shard', count: number, where: string): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > count)
    throw new ConfigScriptError(
      `${where}: the ${what} must be ${count === 1 ? '1' : `a number from 1 to ${count}`}, not ${JSON.stringify(text)}`,
    );
  return value;
}

/**
 * The script that says `commands`, in the canonical form `parseConfigScript` reads back to the
 * same commands (upper-case keywords, no spaces): `JOIN:1,MOVE:1:3`. A Join's servers are not
 * written: the script's reader knows each group's servers.
 */
export function configScriptText(commands: readonly ConfigScriptCommand[]): string {
  return commands
    .map((command) => {
      switch (command.kind) {
        case 'Join':
          return `JOIN:${command.groupId}`;
        case 'Leave':
          return `LEAVE:${command.groupId}`;
        case 'Move':
          return `MOVE:${command.groupId}:${command.shard}`;
      }
    })
    .join(',');
}
