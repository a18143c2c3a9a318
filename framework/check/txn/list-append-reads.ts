/**
 * The reads of committed transactions in a list-append history, as parallel growable typed
 * arrays: a million transactions make millions of reads, and an object (or an array slot)
 * per read would cost the garbage collector more than the analysis itself. The lists read are kept
 * by reference in one array: looking them up again through their transactions' events costs
 * more, in memory reads, than the array costs the collector.
 */
export class ListAppendReads {
  /** How many reads are recorded. */
  count = 0;
  private transactionIds = new Int32Array(1024);
  private keys = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  private readonly lists: (readonly unknown[])[] = [];

  /** Records a read of key number `key` by transaction `transaction`; returns its index. */
  add(transaction: number, key: number, list: readonly unknown[], external: boolean): number {
    if (this.count === this.keys.length) this.grow();
    const read = this.count++;
    this.transactionIds[read] = transaction;
    this.keys[read] = key;
    this.flags[read] = external ? EXTERNAL : 0;
    this.lists.push(list);
    return read;
  }

  /** The reading transaction's id. */
  transactionOf(read: number): number {
    return this.transactionIds[read] as number;
  }

  /** The key number read. */
  keyOf(read: number): number {
    return this.keys[read] as number;
  }

  /** The list the read returned (nil is the empty list). */
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
    const capacity = this.keys.length * 2;
    this.transactionIds = grown(this.transactionIds, capacity);
    this.keys = grown(this.keys, capacity);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/** The list a nil read stands for. */
export const EMPTY: readonly unknown[] = Object.freeze([]);

function grown(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(capacity);
  larger.set(array);
  return larger;
}

const EXTERNAL = 1;
const THEN_APPENDED = 2;
