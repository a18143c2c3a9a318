import { type Application, registerStateClass } from '../../framework/index.ts';
import type { KVCommand, KVResult, TxnCommand, TxnResult } from './commands.ts';
import { readSet, resultOf, writesOf, type WriteValues } from './transaction.ts';

/** A map from keys to string values: the application that most labs replicate. */
export class KVStore implements Application<KVCommand, KVResult> {
  private readonly values = new Map<string, string>();

  execute(command: KVCommand): KVResult {
    switch (command.kind) {
      case 'Get': {
        const value = this.values.get(command.key);
        return value === undefined ? { kind: 'KeyNotFound' } : { kind: 'GetResult', value };
      }
      case 'Put':
        this.values.set(command.key, command.value);
        return { kind: 'PutOk' };
      case 'Append': {
        const value = (this.values.get(command.key) ?? '') + command.value;
        this.values.set(command.key, value);
        return { kind: 'AppendResult', value };
      }
    }
  }

  /** Executes a transaction, however many keys it touches, as one step of this store. */
  executeTransaction(command: TxnCommand): TxnResult {
    const reads: Record<string, string | null> = {};
    for (const key of readSet(command)) reads[key] = this.read(key);
    this.write(writesOf(command, reads));
    return resultOf(command, reads);
  }

  /** The value of `key`, or `null` if it is not there. */
  read(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  /** Applies a transaction's writes: a `null` value removes the key. */
  write(writes: WriteValues): void {
    for (const [key, value] of Object.entries(writes)) {
      if (value === null) this.values.delete(key);
      else this.values.set(key, value);
    }
  }
}
registerStateClass('KVStore', KVStore);
