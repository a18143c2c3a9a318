import { infiniteWorkload, scriptedWorkload, type Workload } from '../../framework/testing.ts';
import {
  append,
  appendResult,
  get,
  getResult,
  keyNotFound,
  multiGet,
  multiGetResult,
  multiPut,
  multiPutOk,
  put,
  putOk,
  swap,
  swapOk,
  type KVCommand,
  type KVResult,
  type TxnCommand,
  type TxnResult,
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

/**
 * Parses transactional command strings — those of {@link kvWorkload} and `MULTIGET:k1:k2…`,
 * `MULTIPUT:k1:v1:k2:v2…`, `SWAP:k1:k2` — and their result strings: `MultiPutOk`, `SwapOk`,
 * and for a MULTIGET its values separated by `:`, `KeyNotFound` for a missing key
 * (`v1:KeyNotFound`). Values of a MULTIPUT cannot contain `:`.
 */
export function txnWorkload(commands: readonly string[], results?: readonly string[]): Workload {
  const parsed = commands.map(parseTxnCommand);
  return scriptedWorkload(
    parsed,
    results?.map((text, index) => parseTxnResult(text, parsed[index])),
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

/** Parses one transactional command string (see {@link txnWorkload}). */
export function parseTxnCommand(text: string): TxnCommand {
  const [operation, ...fields] = text.split(':');
  switch (operation) {
    case 'MULTIGET':
      if (fields.length === 0 || fields.some((key) => key.length === 0))
        throw new WorkloadSyntaxError(
          `MULTIGET needs one or more non-empty keys: ${JSON.stringify(text)}`,
        );
      return multiGet(fields);
    case 'MULTIPUT': {
      if (fields.length === 0 || fields.length % 2 !== 0)
        throw new WorkloadSyntaxError(`MULTIPUT needs key:value pairs: ${JSON.stringify(text)}`);
      const entries: Record<string, string> = {};
      for (let index = 0; index < fields.length; index += 2) {
        const key = fields[index] ?? '';
        if (key.length === 0)
          throw new WorkloadSyntaxError(`MULTIPUT has an empty key: ${JSON.stringify(text)}`);
        if (Object.hasOwn(entries, key))
          throw new WorkloadSyntaxError(
            `MULTIPUT writes ${JSON.stringify(key)} twice: ${JSON.stringify(text)}`,
          );
        entries[key] = fields[index + 1] ?? '';
      }
      return multiPut(entries);
    }
    case 'SWAP':
      if (fields.length !== 2 || fields.some((key) => key.length === 0))
        throw new WorkloadSyntaxError(
          `SWAP needs exactly two non-empty keys: ${JSON.stringify(text)}`,
        );
      return swap(fields[0] ?? '', fields[1] ?? '');
    case 'GET':
    case 'PUT':
    case 'APPEND':
      return parseCommand(text);
    case undefined:
    default:
      throw new WorkloadSyntaxError(
        `unknown operation in ${JSON.stringify(text)}: expected GET, PUT, APPEND, MULTIGET, MULTIPUT or SWAP`,
      );
  }
}

function parseTxnResult(text: string, command: TxnCommand | undefined): TxnResult {
  if (command === undefined || !isMultiKey(command)) return parseResult(text, command);
  switch (command.kind) {
    case 'MultiPut':
      return expectWord(text, 'MultiPutOk', multiPutOk());
    case 'Swap':
      return expectWord(text, 'SwapOk', swapOk());
    case 'MultiGet': {
      const fields = text.split(':');
      if (fields.length !== command.keys.length)
        throw new WorkloadSyntaxError(
          `result ${JSON.stringify(text)} has ${fields.length} values for a MULTIGET of ${command.keys.length} keys`,
        );
      const values: Record<string, string | null> = {};
      command.keys.forEach((key, index) => {
        const field = fields[index] ?? '';
        values[key] = field === 'KeyNotFound' ? null : field;
      });
      return multiGetResult(values);
    }
  }
}

function isMultiKey(command: TxnCommand): command is Exclude<TxnCommand, KVCommand> {
  return command.kind === 'MultiGet' || command.kind === 'MultiPut' || command.kind === 'Swap';
}

function expectWord<R>(text: string, word: string, result: R): R {
  if (text !== word)
    throw new WorkloadSyntaxError(`expected the result ${word}, got ${JSON.stringify(text)}`);
  return result;
}

function parseResult(text: string, command: KVCommand | undefined): KVResult {
  if (text === 'PutOk') return putOk();
  if (text === 'KeyNotFound') return keyNotFound();
  return command?.kind === 'Append' ? appendResult(text) : getResult(text);
}
