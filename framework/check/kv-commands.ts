import { describeJsonValue } from './json-reader.ts';

/**
 * The commands and results of the key-value application, as the history checkers see
 * them. A missing key is distinct from the empty string: `Get` of a missing key answers
 * `KeyNotFound`, and `Append` to a missing key appends to the empty string.
 */
export type KVCommand =
  | { readonly kind: 'Get'; readonly key: string }
  | { readonly kind: 'Put'; readonly key: string; readonly value: string }
  | { readonly kind: 'Append'; readonly key: string; readonly value: string };

/** What the store answers; `AppendResult` carries the value after the append. */
export type KVResult =
  | { readonly kind: 'GetResult'; readonly value: string }
  | { readonly kind: 'KeyNotFound' }
  | { readonly kind: 'PutOk' }
  | { readonly kind: 'AppendResult'; readonly value: string };

/** A readable form of a command: `Append("x", "1")`. */
export function describeKVCommand(command: KVCommand): string {
  switch (command.kind) {
    case 'Get':
      return `Get(${JSON.stringify(command.key)})`;
    case 'Put':
    case 'Append':
      return `${command.kind}(${JSON.stringify(command.key)}, ${JSON.stringify(command.value)})`;
  }
}

/** A readable form of a result: `GetResult("1")`. */
export function describeKVResult(result: KVResult): string {
  switch (result.kind) {
    case 'GetResult':
    case 'AppendResult':
      return `${result.kind}(${JSON.stringify(result.value)})`;
    case 'KeyNotFound':
    case 'PutOk':
      return result.kind;
  }
}

/** A message naming what is wrong with a decoded command, or `undefined` if it is one. */
export function kvCommandProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'a command must be an object with a "kind"';
  switch (value.kind) {
    case 'Get':
      return stringFieldProblem(value, 'key');
    case 'Put':
    case 'Append':
      return stringFieldProblem(value, 'key') ?? stringFieldProblem(value, 'value');
    default:
      return `unknown command kind ${describeJsonValue(value.kind)} (expected Get, Put or Append)`;
  }
}

/** A message naming what is wrong with a decoded result, or `undefined` if it is one. */
export function kvResultProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'a result must be an object with a "kind"';
  switch (value.kind) {
    case 'GetResult':
    case 'AppendResult':
      return stringFieldProblem(value, 'value');
    case 'KeyNotFound':
    case 'PutOk':
      return undefined;
    default:
      return `unknown result kind ${describeJsonValue(value.kind)} (expected GetResult, KeyNotFound, PutOk or AppendResult)`;
  }
}

/** Whether a result can answer a command at all (a `PutOk` cannot answer a `Get`). */
export function kvResultFitsCommand(command: KVCommand, result: KVResult): boolean {
  switch (command.kind) {
    case 'Get':
      return result.kind === 'GetResult' || result.kind === 'KeyNotFound';
    case 'Put':
      return result.kind === 'PutOk';
    case 'Append':
      return result.kind === 'AppendResult';
  }
}

/** A plain object, as JSON decodes one. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringFieldProblem(value: Record<string, unknown>, field: string): string | undefined {
  return typeof value[field] === 'string'
    ? undefined
    : `${String(value.kind)} needs a string "${field}"`;
}
