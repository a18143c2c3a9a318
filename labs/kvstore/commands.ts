/** Commands of the key-value store. */
export interface Get {
  readonly kind: 'Get';
  readonly key: string;
}
export interface Put {
  readonly kind: 'Put';
  readonly key: string;
  readonly value: string;
}
export interface Append {
  readonly kind: 'Append';
  readonly key: string;
  readonly value: string;
}
/**
 * A command of the store: the same shapes, under the same name, as the `KVCommand` the
 * history checkers of `tslabs/lincheck` check this store's histories with (`kvSpec()`).
 */
export type KVCommand = Get | Put | Append;

/** Results of the key-value store. `AppendResult` carries the value after the append. */
export interface GetResult {
  readonly kind: 'GetResult';
  readonly value: string;
}
export interface KeyNotFound {
  readonly kind: 'KeyNotFound';
}
export interface PutOk {
  readonly kind: 'PutOk';
}
export interface AppendResult {
  readonly kind: 'AppendResult';
  readonly value: string;
}
/** A result of the store (the checkers' `KVResult`). */
export type KVResult = GetResult | KeyNotFound | PutOk | AppendResult;

export const get = (key: string): Get => ({ kind: 'Get', key });
export const put = (key: string, value: string): Put => ({ kind: 'Put', key, value });
export const append = (key: string, value: string): Append => ({ kind: 'Append', key, value });
export const getResult = (value: string): GetResult => ({ kind: 'GetResult', value });
export const keyNotFound = (): KeyNotFound => ({ kind: 'KeyNotFound' });
export const putOk = (): PutOk => ({ kind: 'PutOk' });
export const appendResult = (value: string): AppendResult => ({ kind: 'AppendResult', value });
