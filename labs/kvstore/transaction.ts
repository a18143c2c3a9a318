import {
  appendResult,
  getResult,
  keyNotFound,
  multiGetResult,
  multiPutOk,
  putOk,
  swapOk,
  type TxnCommand,
  type TxnResult,
} from './commands.ts';

/**
 * The values a transaction read, by key: a string, or `null` for a key that is not there (every
 * key of the read set has an entry).
 */
export type ReadValues = Readonly<Record<string, string | null>>;

/** The values a transaction writes, by key: a string, or `null` to remove the key. */
export type WriteValues = Readonly<Record<string, string | null>>;

/**
 * The keys whose values a command needs before it can say what it writes or returns. A Put and a
 * MultiPut need none: they write blindly.
 */
export function readSet(command: TxnCommand): readonly string[] {
  switch (command.kind) {
    case 'Get':
    case 'Append':
      return [command.key];
    case 'MultiGet':
      return unique(command.keys);
    case 'Swap':
      return unique([command.key1, command.key2]);
    case 'Put':
    case 'MultiPut':
      return [];
  }
}

/** The keys a command may write. */
export function writeSet(command: TxnCommand): readonly string[] {
  switch (command.kind) {
    case 'Put':
    case 'Append':
      return [command.key];
    case 'MultiPut':
      return Object.keys(command.entries);
    case 'Swap':
      return unique([command.key1, command.key2]);
    case 'Get':
    case 'MultiGet':
      return [];
  }
}

/** Every key a command touches, read or written, each once, sorted. */
export function keySet(command: TxnCommand): readonly string[] {
  return unique([...readSet(command), ...writeSet(command)]).sort();
}

/** Whether a command writes nothing (a Get or a MultiGet). */
export function isReadOnly(command: TxnCommand): boolean {
  return writeSet(command).length === 0;
}

/** What a command writes, given the values of its read set. */
export function writesOf(command: TxnCommand, reads: ReadValues): WriteValues {
  switch (command.kind) {
    case 'Put':
      return { [command.key]: command.value };
    case 'Append':
      return { [command.key]: (reads[command.key] ?? '') + command.value };
    case 'MultiPut':
      return command.entries;
    case 'Swap':
      if (command.key1 === command.key2) return {};
      return {
        [command.key1]: read(reads, command.key2),
        [command.key2]: read(reads, command.key1),
      };
    case 'Get':
    case 'MultiGet':
      return {};
  }
}

/** What a command answers, given the values of its read set. */
export function resultOf(command: TxnCommand, reads: ReadValues): TxnResult {
  switch (command.kind) {
    case 'Get': {
      const value = read(reads, command.key);
      return value === null ? keyNotFound() : getResult(value);
    }
    case 'Put':
      return putOk();
    case 'Append':
      return appendResult((reads[command.key] ?? '') + command.value);
    case 'MultiGet': {
      const values: Record<string, string | null> = {};
      for (const key of command.keys) values[key] = read(reads, key);
      return multiGetResult(values);
    }
    case 'MultiPut':
      return multiPutOk();
    case 'Swap':
      return swapOk();
  }
}

function read(reads: ReadValues, key: string): string | null {
  const value = reads[key];
  // The read set covers every key asked for here: a missing entry is a programmer error.
  if (value === undefined) throw new Error(`the read set has no value for ${JSON.stringify(key)}`);
  return value;
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
