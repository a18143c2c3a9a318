export * from './commands.ts';
export { KVStore } from './kv-store.ts';
export * from './transaction.ts';
export * from './workloads.ts';
