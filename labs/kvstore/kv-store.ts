import { type Application, registerStateClass } from '../../framework/index.ts';
import type { KVCommand, KVResult } from './commands.ts';

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
}
registerStateClass('KVStore', KVStore);
