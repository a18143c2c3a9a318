/**
 * The reads of committed transactions in a list-append history, as parallel growable typed
 * arrays: a million transactions make millions of reads, and an object (or a boolean array
 * slot) per read would cost the garbage collector more than the analysis itself.
 */
export class ListAppendReads {
  /** How many reads are recorded. */
  count = 0;
  private transactions = new Int32Array(1024);
  private keys = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  private readonly lists: (readonly unknown[])[] = [];

  /** Records a read of key number `key` by transaction `transaction`; returns its index. */
  add(transaction: number, key: number, list: readonly unknown[], external: boolean): number {
    if (this.count === this.transactions.length) this.grow();
    const read = this.count++;
    this.transactions[read] = transaction;
    this.keys[read] = key;
    this.flags[read] = external ? EXTERNAL : 0;
    this.lists.push(list);
    return read;
  }

  /** The reading transaction's id. */
  transactionOf(read: number): number {
    return this.transactions[read] as number;
  }

  /** The key number read. */
  keyOf(read: number): number {
    return this.keys[read] as number;
  }

  /** The list the read returned. */
  listOf(read: number): readonly unknown[] {
    return this.lists[read] as readonly unknown[];
  }

  /** Whether the read is external: its transaction's first access to the key. */
  isExternal(read: number): boolean {
    return ((this.flags[read] as number) & EXTERNAL) !== 0;
  }

  /** Whether its transaction appended to the key after this (external) read. */
  isThenAppended(read: number): boolean {
    return ((this.flags[read] as number) & THEN_APPENDED) !== 0;
  }

  /** Marks that the transaction appended to the key after the read. */
  markThenAppended(read: number): void {
    this.flags[read] = (this.flags[read] as number) | THEN_APPENDED;
  }

  private grow(): void {
    const capacity = this.transactions.length * 2;
    const transactions = new Int32Array(capacity);
    transactions.set(this.transactions);
    const keys = new Int32Array(capacity);
    keys.set(this.keys);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.transactions = transactions;
    this.keys = keys;
    this.flags = flags;
  }
}

const EXTERNAL = 1;
const THEN_APPENDED = 2;
