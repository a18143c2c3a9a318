import { infiniteWorkload, scriptedWorkload, type Workload } from '../../framework/testing.ts';
import {
  append,
  appendResult,
  get,
  getResult,
  keyNotFound,
  put,
  putOk,
  type KVCommand,
  type KVResult,
} from './commands.ts';

/**
 * Parses DSLabs-style command strings — `PUT:key:value`, `APPEND:key:value`, `GET:key` —
 * and result strings — `PutOk`, `KeyNotFound`, or a value (for a GET or an APPEND).
 * Values may use the workload substitutions `%a`, `%n` and `%r`.
 */
export function kvWorkload(commands: readonly string[], results?: readonly string[]): Workload {
  const parsed = commands.map(parseCommand);
  return scriptedWorkload(
    parsed,
    results?.map((text, index) => parseResult(text, parsed[index])),
  );
}

/** Each client appends `count` times to a key of its own: `key-%a`. Results are exact. */
export function differentKeysAppends(count: number): Workload {
  const commands: KVCommand[] = [];
  const results: KVResult[] = [];
  let value = '';
  for (let i = 1; i <= count; i++) {
    commands.push(append('key-%a', `x${i}.`));
    value += `x${i}.`;
    results.push(appendResult(value));
  }
  return scriptedWorkload(commands, results);
}

/**
 * Every client appends `count` unique values to the same key. The results are not known
 * in advance: check them with the same-key-appends check or the linearizability checker.
 */
export function sameKeyAppends(count: number, key = 'shared'): Workload {
  const commands: KVCommand[] = [];
  for (let i = 1; i <= count; i++) commands.push(append(key, `%a.%n;`));
  return scriptedWorkload(commands);
}

/** Appends of fresh random values to a key of the client's own, forever. */
export function infiniteAppends(): Workload {
  return infiniteWorkload([append('key-%a', '%r;')]);
}

/**
 * Every client puts a value of its own (`client1.7`) to one shared key and reads the key
 * back, forever: a register that every client writes, for the linearizability checker.
 */
export function infiniteSharedPutGet(key = 'shared'): Workload {
  return infiniteWorkload([put(key, '%a.%n'), get(key)]);
}

/** Thrown for a command or result string that does not parse. */
export class WorkloadSyntaxError extends Error {
  override readonly name = 'WorkloadSyntaxError';
}

function parseCommand(text: string): KVCommand {
  const [operation, key, ...rest] = text.split(':');
  const value = rest.join(':');
  if (key === undefined || key.length === 0)
    throw new WorkloadSyntaxError(`command ${JSON.stringify(text)} has no key`);
  switch (operation) {
    case 'GET':
      if (rest.length > 0)
        throw new WorkloadSyntaxError(`GET takes no value: ${JSON.stringify(text)}`);
      return get(key);
    case 'PUT':
      return put(key, value);
    case 'APPEND':
      return append(key, value);
    case undefined:
    default:
      throw new WorkloadSyntaxError(
        `unknown operation in ${JSON.stringify(text)}: expected GET, PUT or APPEND`,
      );
  }
}

function parseResult(text: string, command: KVCommand | undefined): KVResult {
  if (text === 'PutOk') return putOk();
  if (text === 'KeyNotFound') return keyNotFound();
  return command?.kind === 'Append' ? appendResult(text) : getResult(text);
}
