import { RW, WR, WW, type DependencyGraphBuilder } from './dependency-graph.ts';
import type { OperationAnomalyCollector } from './operation-anomaly.ts';
import { KeyedValues } from './keyed-values.ts';
import { EMPTY, ListAppendReads } from './list-append-reads.ts';
import {
  InvalidTxnHistoryError,
  transactionName,
  type MicroOperation,
  type Transaction,
  type TxnKey,
} from './transaction.ts';
import { OK, type TransactionTable } from './transaction-table.ts';
import { describeTxnValue } from './value-text.ts';
import type { WorkloadAnalysis } from './workload-analysis.ts';

/**
 * Each appended value's writer, by key number and value: transaction id * 2, + 1 when the
 * writer appended to the key again.
 */
type Writers = KeyedValues;

/** What the analysis knows about one key. */
interface KeyFacts {
  readonly key: TxnKey;
  /** Its number, in `Writers`. */
  readonly index: number;
  /** The longest committed read: the version order, as far as the history shows it. */
  longest: readonly unknown[];
  longestReader: number;
  /** Reads disagree (or list an element twice): no version order is inferred. */
  unordered: boolean;
}

/**
 * The list-append workload (Elle's strongest): every append writes a value unique to its
 * key, and a read returns the whole list, so the longest read of a key reveals the order of
 * all the versions it shows, and every read names exactly which version it saw. From that
 * come the ww edges (consecutive elements), wr edges (the writer of a read's last element)
 * and rw edges (a read to the writer of the element that follows what it saw).
 */
export function analyzeListAppend(
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
): WorkloadAnalysis {
  const keys = new Map<TxnKey, number>();
  const facts: KeyFacts[] = [];
  const keyIndex = (key: TxnKey): number => {
    let index = keys.get(key);
    if (index === undefined) {
      index = facts.length;
      keys.set(key, index);
      facts.push({ key, index, longest: EMPTY, longestReader: -1, unordered: false });
    }
    return index;
  };
  const writers = recordAppends(transactions, keyIndex);
  const reads = collectReads(transactions, keyIndex, facts, anomalies);
  markIncompatibleReads(reads, facts, anomalies);
  for (let index = 0; index < facts.length; index++)
    orderEdges(facts[index] as KeyFacts, writers, transactions, graph, anomalies);
  readEdges(reads, facts, writers, transactions, graph, anomalies);
  return {
    explainDependency: (from, to, kind) => explainDependency(from, to, kind, keys, facts, writers),
  };
}

function recordAppends(transactions: TransactionTable, keyIndex: (key: TxnKey) => number): Writers {
  const writers = new KeyedValues();
  for (let id = 0; id < transactions.count; id++) {
    const operations = transactions.operations(id);
    // The last value this transaction appended to each key, to flag the earlier ones (only
    // a transaction that touches a key twice needs the map).
    const lastAppended = touchesAKeyTwice(operations) ? new Map<number, unknown>() : undefined;
    // Indexed loops here and below: a cold process runs them in the interpreter, where
    // for-of allocates an iterator result per element.
    for (let position = 0; position < operations.length; position++) {
      const operation = operations[position] as MicroOperation;
      if (operation.f === 'w')
        throw new InvalidTxnHistoryError(
          `${transactionName({ id })} writes (:w), which the list-append workload does not have (did you mean --workload rw-register?)`,
          lineOf(transactions, id),
        );
      if (operation.f !== 'append') continue;
      const index = keyIndex(operation.key);
      const value = operation.value;
      if (writers.get(index, value) >= 0)
        throw new InvalidTxnHistoryError(
          `${describeTxnValue(value)} is appended to key ${describeTxnValue(operation.key)} twice; list-append needs unique values`,
          lineOf(transactions, id),
        );
      if (lastAppended?.has(index) === true) {
        const previous = lastAppended.get(index);
        writers.set(index, previous, writers.get(index, previous) | 1);
      }
      lastAppended?.set(index, value);
      writers.set(index, value, id * 2);
    }
  }
  return writers;
}

function lineOf(transactions: TransactionTable, id: number): number | undefined {
  return transactions.transaction(id).line;
}

/** Per key, inside one transaction: what it last read and what it appended since. */
interface KeyInTransaction {
  base: readonly unknown[] | undefined;
  appended: unknown[];
  externalRead: number;
}

function collectReads(
  transactions: TransactionTable,
  keyIndex: (key: TxnKey) => number,
  facts: KeyFacts[],
  anomalies: OperationAnomalyCollector,
): ListAppendReads {
  const reads = new ListAppendReads();
  for (let id = 0; id < transactions.count; id++) {
    if (transactions.statusCode(id) !== OK) continue;
    const operations = transactions.operations(id);
    if (!touchesAKeyTwice(operations)) {
      // The common case, and the fast path: every read is external, nothing to compare.
      for (let position = 0; position < operations.length; position++) {
        const operation = operations[position] as MicroOperation;
        if (operation.f !== 'r') continue;
        const list = readList(operation.value, transactions, id);
        addRead(reads, facts, id, keyIndex(operation.key), list, true);
      }
      continue;
    }
    const touched = new Map<number, KeyInTransaction>();
    for (let position = 0; position < operations.length; position++) {
      const operation = operations[position] as MicroOperation;
      const index = keyIndex(operation.key);
      let state = touched.get(index);
      if (operation.f === 'append') {
        if (state === undefined) {
          state = { base: undefined, appended: [], externalRead: -1 };
          touched.set(index, state);
        }
        state.appended.push(operation.value);
        continue;
      }
      const list = readList(operation.value, transactions, id);
      const readIndex = reads.count;
      if (state === undefined) {
        state = { base: list, appended: [], externalRead: readIndex };
        touched.set(index, state);
      } else {
        checkInternalRead(id, operation.key, state, list, anomalies);
        state.base = list;
        state.appended = [];
      }
      addRead(reads, facts, id, index, list, state.externalRead === readIndex);
    }
    for (const state of touched.values())
      if (state.externalRead >= 0 && state.appended.length > 0)
        reads.markThenAppended(state.externalRead);
  }
  return reads;
}

function addRead(
  reads: ListAppendReads,
  facts: KeyFacts[],
  transaction: number,
  index: number,
  list: readonly unknown[],
  external: boolean,
): void {
  reads.add(transaction, index, list, external);
  const keyFacts = facts[index] as KeyFacts;
  if (list.length > keyFacts.longest.length) {
    keyFacts.longest = list;
    keyFacts.longestReader = transaction;
  }
}

/** Whether two micro-operations of a transaction share a key. */
function touchesAKeyTwice(operations: readonly MicroOperation[]): boolean {
  if (operations.length > 8)
    return new Set(operations.map((operation) => operation.key)).size < operations.length;
  for (let first = 0; first < operations.length; first++)
    for (let second = first + 1; second < operations.length; second++)
      if (
        Object.is(
          (operations[first] as MicroOperation).key,
          (operations[second] as MicroOperation).key,
        )
      )
        return true;
  return false;
}

function readList(value: unknown, transactions: TransactionTable, id: number): readonly unknown[] {
  // Jepsen writes nil for a key that does not exist yet.
  if (value === null || value === undefined) return EMPTY;
  if (Array.isArray(value)) return value;
  throw new InvalidTxnHistoryError(
    `${transactionName({ id })} reads ${describeTxnValue(value)}; a list-append read returns a list`,
    lineOf(transactions, id),
  );
}

function checkInternalRead(
  transaction: number,
  key: TxnKey,
  state: KeyInTransaction,
  list: readonly unknown[],
  anomalies: OperationAnomalyCollector,
): void {
  const { base, appended } = state;
  if (base !== undefined) {
    const expected = [...base, ...appended];
    if (!sameList(expected, list, 0))
      anomalies.add(
        'internal',
        [transaction],
        () =>
          `${transactionName({ id: transaction })} read key ${describeTxnValue(key)} = ${describeTxnValue(list)}, but its own earlier reads and appends imply ${describeTxnValue(expected)}`,
      );
    return;
  }
  if (list.length < appended.length || !sameList(appended, list, list.length - appended.length))
    anomalies.add(
      'internal',
      [transaction],
      () =>
        `${transactionName({ id: transaction })} read key ${describeTxnValue(key)} = ${describeTxnValue(list)}, which does not end with its own appends ${describeTxnValue(appended)}`,
    );
}

/** Whether `expected` equals `list` from position `start` to its end. */
function sameList(expected: readonly unknown[], list: readonly unknown[], start: number): boolean {
  if (list.length - start !== expected.length) return false;
  for (let index = 0; index < expected.length; index++)
    if (expected[index] !== list[start + index]) return false;
  return true;
}

function isPrefix(prefix: readonly unknown[], list: readonly unknown[]): boolean {
  if (prefix.length > list.length) return false;
  for (let index = 0; index < prefix.length; index++)
    if (prefix[index] !== list[index]) return false;
  return true;
}

function markIncompatibleReads(
  reads: ListAppendReads,
  facts: KeyFacts[],
  anomalies: OperationAnomalyCollector,
): void {
  for (let read = 0; read < reads.count; read++) {
    const keyFacts = facts[reads.keyOf(read)] as KeyFacts;
    const list = reads.listOf(read);
    if (list === keyFacts.longest || isPrefix(list, keyFacts.longest)) continue;
    keyFacts.unordered = true;
    const reader = reads.transactionOf(read);
    anomalies.add(
      'incompatible-order',
      [reader, keyFacts.longestReader],
      () =>
        `T${reader + 1} read key ${describeTxnValue(keyFacts.key)} = ${describeTxnValue(list)} and T${keyFacts.longestReader + 1} read ${describeTxnValue(keyFacts.longest)}: neither is a prefix of the other, so no single order of appends explains both`,
    );
  }
}

/** Duplicates, aborted reads, dirty updates and ww edges, along a key's version order. */
function orderEdges(
  keyFacts: KeyFacts,
  writers: Writers,
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
): void {
  const { longest, key, index } = keyFacts;
  if (longest.length === 0) return;
  const reader = keyFacts.longestReader;
  if (new Set(longest).size !== longest.length) {
    keyFacts.unordered = true;
    anomalies.add(
      'duplicate-elements',
      [reader],
      () =>
        `T${reader + 1} read key ${describeTxnValue(key)} = ${describeTxnValue(longest)}, which lists an element more than once`,
    );
  }
  let failedWriter = -1;
  let failedValue: unknown;
  let dirtyReported = false;
  let previousWriter = -1;
  for (let position = 0; position < longest.length; position++) {
    const value = longest[position];
    const entry = writers.get(index, value);
    if (entry < 0) {
      previousWriter = -1;
      continue;
    }
    const writer = entry >> 1;
    const failed = transactions.isFailed(writer);
    if (failed) {
      anomalies.add(
        'G1a',
        [reader, writer],
        () =>
          `T${reader + 1} read key ${describeTxnValue(key)} = ${describeTxnValue(longest)}, which includes ${describeTxnValue(value)}, appended by T${writer + 1}, which failed`,
      );
      failedWriter = writer;
      failedValue = value;
    } else if (failedWriter >= 0 && !dirtyReported) {
      dirtyReported = true;
      const [aborted, abortedValue] = [failedWriter, failedValue];
      anomalies.add(
        'dirty-update',
        [aborted, writer],
        () =>
          `key ${describeTxnValue(key)}: T${writer + 1}'s append of ${describeTxnValue(value)} was applied after T${aborted + 1}'s append of ${describeTxnValue(abortedValue)}, and T${aborted + 1} failed`,
      );
    }
    if (!failed && previousWriter >= 0 && !keyFacts.unordered)
      graph.add(previousWriter, writer, WW);
    previousWriter = failed ? -1 : writer;
  }
}

function readEdges(
  reads: ListAppendReads,
  facts: KeyFacts[],
  writers: Writers,
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
): void {
  // Per key, the first committed transaction that read each version then appended to it.
  const updaters = new Map<number, Map<unknown, number>>();
  const EMPTY = Symbol('empty');
  for (let read = 0; read < reads.count; read++) {
    if (!reads.isExternal(read)) continue;
    const reader = reads.transactionOf(read);
    const keyFacts = facts[reads.keyOf(read)] as KeyFacts;
    const list = reads.listOf(read);
    if (list.length > 0) {
      const last = list[list.length - 1];
      const entry = writers.get(keyFacts.index, last);
      if (entry >= 0) readFrom(reader, entry, last, keyFacts, transactions, graph, anomalies);
    }
    if (!keyFacts.unordered && list.length < keyFacts.longest.length) {
      const entry = writers.get(keyFacts.index, keyFacts.longest[list.length]);
      if (entry >= 0 && !transactions.isFailed(entry >> 1)) graph.add(reader, entry >> 1, RW);
    }
    if (reads.isThenAppended(read)) {
      const keyNumber = reads.keyOf(read);
      let byVersion = updaters.get(keyNumber);
      if (byVersion === undefined) {
        byVersion = new Map();
        updaters.set(keyNumber, byVersion);
      }
      const version = list.length === 0 ? EMPTY : list[list.length - 1];
      const first = byVersion.get(version);
      if (first === undefined) byVersion.set(version, reader);
      else
        anomalies.add(
          'lost-update',
          [first, reader],
          () =>
            `T${first + 1} and T${reader + 1} both read key ${describeTxnValue(keyFacts.key)} = ${describeTxnValue(list)} and both appended to it: one of the appends was made without seeing the other`,
        );
    }
  }
}

function readFrom(
  reader: number,
  entry: number,
  value: unknown,
  keyFacts: KeyFacts,
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
): void {
  const writer = entry >> 1;
  const key = keyFacts.key;
  if (writer === reader) {
    anomalies.add(
      'internal',
      [reader],
      () =>
        `T${reader + 1} read key ${describeTxnValue(key)} ending with ${describeTxnValue(value)} before it appended ${describeTxnValue(value)} itself`,
    );
    return;
  }
  if (transactions.isFailed(writer)) return;
  graph.add(writer, reader, WR);
  if ((entry & 1) === 1)
    anomalies.add(
      'G1b',
      [reader, writer],
      () =>
        `T${reader + 1} read key ${describeTxnValue(key)} ending with ${describeTxnValue(value)}, an intermediate state of T${writer + 1}, which appended to ${describeTxnValue(key)} again later`,
    );
}

function explainDependency(
  from: Transaction,
  to: Transaction,
  kind: number,
  keys: Map<TxnKey, number>,
  facts: readonly KeyFacts[],
  writers: Writers,
): string | undefined {
  const writerOf = (keyFacts: KeyFacts, value: unknown): number =>
    writers.get(keyFacts.index, value) >> 1;
  const [fromName, toName] = [transactionName(from), transactionName(to)];
  for (const operation of (kind === WR ? to : from).operations) {
    const keyFacts = facts[keys.get(operation.key) ?? -1];
    if (keyFacts === undefined) continue;
    const key = describeTxnValue(operation.key);
    if (kind === WW && operation.f === 'append') {
      const order = keyFacts.longest;
      const position = order.indexOf(operation.value);
      const next = order[position + 1];
      if (position >= 0 && position + 1 < order.length && writerOf(keyFacts, next) === to.id)
        return `${toName} appended ${describeTxnValue(next)} after ${fromName} appended ${describeTxnValue(operation.value)} to key ${key}`;
    }
    if (operation.f !== 'r' || !Array.isArray(operation.value)) continue;
    const list = operation.value as readonly unknown[];
    if (kind === WR && list.length > 0) {
      const last = list[list.length - 1];
      if (writerOf(keyFacts, last) === from.id)
        return `${toName} read ${fromName}'s append of ${describeTxnValue(last)} to key ${key}`;
    }
    if (kind === RW && list.length < keyFacts.longest.length) {
      const next = keyFacts.longest[list.length];
      if (writerOf(keyFacts, next) === to.id)
        return `${fromName} read key ${key} = ${describeTxnValue(list)}, which did not yet include ${toName}'s append of ${describeTxnValue(next)}`;
    }
  }
  return undefined;
}
