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

/** Reads several keys as one atomic step. */
export interface MultiGet {
  readonly kind: 'MultiGet';
  readonly keys: readonly string[];
}
/** Writes several keys as one atomic step. */
export interface MultiPut {
  readonly kind: 'MultiPut';
  readonly entries: Readonly<Record<string, string>>;
}
/** Exchanges the values of two keys; a missing key's absence moves to the other. */
export interface Swap {
  readonly kind: 'Swap';
  readonly key1: string;
  readonly key2: string;
}
/**
 * A command of the transactional store: the same shapes, under the same name, as the
 * `TxnCommand` that the history checker's `txnKVSpec()` checks, so a history of this store is
 * checked as it is. A single-key command is a transaction of one key.
 */
export type TxnCommand = KVCommand | MultiGet | MultiPut | Swap;

/** What a MultiGet read: each key's value, or `null` for a key that is not there. */
export interface MultiGetResult {
  readonly kind: 'MultiGetResult';
  readonly values: Readonly<Record<string, string | null>>;
}
export interface MultiPutOk {
  readonly kind: 'MultiPutOk';
}
export interface SwapOk {
  readonly kind: 'SwapOk';
}
/** A result of the transactional store (the checker's `TxnResult`). */
export type TxnResult = KVResult | MultiGetResult | MultiPutOk | SwapOk;

export const multiGet = (keys: readonly string[]): MultiGet => ({ kind: 'MultiGet', keys });
export const multiPut = (entries: Readonly<Record<string, string>>): MultiPut => ({
  kind: 'MultiPut',
  entries,
});
export const swap = (key1: string, key2: string): Swap => ({ kind: 'Swap', key1, key2 });
export const multiGetResult = (
  values: Readonly<Record<string, string | null>>,
): MultiGetResult => ({
  kind: 'MultiGetResult',
  values,
});
export const multiPutOk = (): MultiPutOk => ({ kind: 'MultiPutOk' });
export const swapOk = (): SwapOk => ({ kind: 'SwapOk' });
