import { RW, WR, WW, type DependencyGraphBuilder } from './dependency-graph.ts';
import type { OperationAnomalyCollector } from './operation-anomaly.ts';
import {
  InvalidTxnHistoryError,
  transactionName,
  type Transaction,
  type TxnKey,
} from './transaction.ts';
import { OK, type TransactionTable } from './transaction-table.ts';
import { describeTxnValue } from './value-text.ts';
import type { WorkloadAnalysis } from './workload-analysis.ts';

/** What the analysis knows about one register. */
interface RegisterFacts {
  readonly key: TxnKey;
  /** Each written value's writer: transaction id * 2, + 1 when the writer wrote the key again. */
  readonly writers: Map<unknown, number>;
  /** The versions known to follow each version directly (`null`: the initial nil). */
  readonly successors: Map<unknown, unknown[]>;
  /** The versions after nil: those with no other known predecessor (computed on demand). */
  roots: unknown[] | undefined;
  /** The first committed transaction that read each version and then wrote the key. */
  readonly updaters: Map<unknown, number>;
}

/**
 * The rw-register workload: writes of values unique to their key, and reads of one
 * value. A read names the version it saw (by its unique value), which gives wr edges; the
 * version order is only what the history shows — nil (the initial state) comes first, and
 * a transaction that read version a of a key and then wrote b puts a directly before b —
 * which gives ww edges (a's writer before b's) and rw edges (a reader of a before b's
 * writer). Orders the history does not show are not guessed, so some anomalies a database
 * committed can stay invisible: that is the price of registers, and why list-append exists.
 */
export function analyzeRwRegister(
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
): WorkloadAnalysis {
  const registers = new Map<TxnKey, RegisterFacts>();
  const factsOf = (key: TxnKey): RegisterFacts => {
    let facts = registers.get(key);
    if (facts === undefined) {
      facts = {
        key,
        writers: new Map(),
        successors: new Map(),
        roots: undefined,
        updaters: new Map(),
      };
      registers.set(key, facts);
    }
    return facts;
  };
  recordWrites(transactions, factsOf);
  const externalReads: { reader: number; facts: RegisterFacts; value: unknown }[] = [];
  for (let id = 0; id < transactions.count; id++)
    if (transactions.statusCode(id) === OK)
      scanTransaction(transactions.transaction(id), factsOf, externalReads, anomalies);
  const isFailed = (writer: number): boolean => transactions.isFailed(writer);
  for (const { reader, facts, value } of externalReads) {
    readFrom(reader, facts, value, isFailed, graph, anomalies);
    for (const next of successorsOf(facts, value, isFailed)) {
      const writer = (facts.writers.get(next) as number) >> 1;
      if (writer !== reader) graph.add(reader, writer, RW);
    }
  }
  for (const facts of registers.values())
    for (const [version, nextVersions] of facts.successors) {
      const entry = facts.writers.get(version);
      if (version === null || entry === undefined || isFailed(entry >> 1)) continue;
      for (const next of nextVersions) {
        const writer = (facts.writers.get(next) as number) >> 1;
        if (!isFailed(writer)) graph.add(entry >> 1, writer, WW);
      }
    }
  return {
    explainDependency: (from, to, kind) =>
      explainDependency(from, to, kind, registers, (facts, value) =>
        successorsOf(facts, value, isFailed),
      ),
  };
}

function recordWrites(
  transactions: TransactionTable,
  factsOf: (key: TxnKey) => RegisterFacts,
): void {
  for (let id = 0; id < transactions.count; id++) {
    // One short-lived object per transaction: this workload's histories are small.
    const transaction = transactions.transaction(id);
    const lastWritten = new Map<TxnKey, unknown>();
    for (const operation of transaction.operations) {
      if (operation.f === 'append')
        throw new InvalidTxnHistoryError(
          `${transactionName(transaction)} appends (:append), which the rw-register workload does not have (did you mean --workload list-append?)`,
          transaction.line,
        );
      if (operation.f !== 'w') continue;
      const { writers } = factsOf(operation.key);
      const value = operation.value;
      if (value === null || value === undefined || Array.isArray(value))
        throw new InvalidTxnHistoryError(
          `${transactionName(transaction)} writes ${describeTxnValue(value)}; a register write needs a value other than nil`,
          transaction.line,
        );
      if (writers.has(value))
        throw new InvalidTxnHistoryError(
          `${describeTxnValue(value)} is written to key ${describeTxnValue(operation.key)} twice; rw-register needs unique values`,
          transaction.line,
        );
      if (lastWritten.has(operation.key)) {
        const previous = lastWritten.get(operation.key);
        writers.set(previous, (writers.get(previous) as number) | 1);
      }
      lastWritten.set(operation.key, value);
      writers.set(value, transaction.id * 2);
    }
  }
}

/** Internal consistency, external reads and the read-then-write version order. */
function scanTransaction(
  transaction: Transaction,
  factsOf: (key: TxnKey) => RegisterFacts,
  externalReads: { reader: number; facts: RegisterFacts; value: unknown }[],
  anomalies: OperationAnomalyCollector,
): void {
  const known = new Map<TxnKey, { value: unknown; readFirst: boolean; wrote: boolean }>();
  for (const operation of transaction.operations) {
    const facts = factsOf(operation.key);
    const state = known.get(operation.key);
    const value = operation.value ?? null;
    if (operation.f === 'w') {
      if (state?.readFirst === true && !state.wrote) {
        let next = facts.successors.get(state.value);
        if (next === undefined) {
          next = [];
          facts.successors.set(state.value, next);
        }
        next.push(value);
        noteUpdate(transaction, facts, state.value, anomalies);
      }
      known.set(operation.key, { value, readFirst: state?.readFirst ?? false, wrote: true });
      continue;
    }
    if (state === undefined) {
      externalReads.push({ reader: transaction.id, facts, value });
      known.set(operation.key, { value, readFirst: true, wrote: false });
      continue;
    }
    if (state.value !== value)
      anomalies.add(
        'internal',
        [transaction.id],
        () =>
          `${transactionName(transaction)} read key ${describeTxnValue(operation.key)} = ${describeTxnValue(value)}, but its own earlier operations imply ${describeTxnValue(state.value)}`,
      );
    known.set(operation.key, { ...state, value });
  }
}

function noteUpdate(
  transaction: Transaction,
  facts: RegisterFacts,
  version: unknown,
  anomalies: OperationAnomalyCollector,
): void {
  const first = facts.updaters.get(version);
  if (first === undefined) {
    facts.updaters.set(version, transaction.id);
    return;
  }
  anomalies.add(
    'lost-update',
    [first, transaction.id],
    () =>
      `T${first + 1} and ${transactionName(transaction)} both read key ${describeTxnValue(facts.key)} = ${describeTxnValue(version)} and both wrote it: one write was made without seeing the other`,
  );
}

function readFrom(
  reader: number,
  facts: RegisterFacts,
  value: unknown,
  isFailed: (writer: number) => boolean,
  graph: DependencyGraphBuilder,
  anomalies: OperationAnomalyCollector,
): void {
  if (value === null) return;
  const entry = facts.writers.get(value);
  if (entry === undefined) return;
  const writer = entry >> 1;
  const key = describeTxnValue(facts.key);
  if (writer === reader) {
    anomalies.add(
      'internal',
      [reader],
      () => `T${reader + 1} read key ${key} = ${describeTxnValue(value)} before writing it itself`,
    );
    return;
  }
  if (isFailed(writer)) {
    anomalies.add(
      'G1a',
      [reader, writer],
      () =>
        `T${reader + 1} read key ${key} = ${describeTxnValue(value)}, written by T${writer + 1}, which failed`,
    );
    return;
  }
  graph.add(writer, reader, WR);
  if ((entry & 1) === 1)
    anomalies.add(
      'G1b',
      [reader, writer],
      () =>
        `T${reader + 1} read key ${key} = ${describeTxnValue(value)}, an intermediate write of T${writer + 1}, which wrote ${key} again later`,
    );
}

/** The committed versions known to follow `value` directly. */
function successorsOf(
  facts: RegisterFacts,
  value: unknown,
  isFailed: (writer: number) => boolean,
): readonly unknown[] {
  const committed = (version: unknown): boolean => {
    const entry = facts.writers.get(version);
    return entry !== undefined && !isFailed(entry >> 1);
  };
  if (value !== null) return (facts.successors.get(value) ?? []).filter(committed);
  if (facts.roots === undefined) {
    const followers = new Set<unknown>();
    for (const [version, next] of facts.successors)
      if (version !== null) for (const follower of next) followers.add(follower);
    facts.roots = [...facts.writers.keys()].filter(
      (version) => committed(version) && !followers.has(version),
    );
  }
  return facts.roots;
}

function explainDependency(
  from: Transaction,
  to: Transaction,
  kind: number,
  registers: Map<TxnKey, RegisterFacts>,
  successorsOf: (facts: RegisterFacts, value: unknown) => readonly unknown[],
): string | undefined {
  const [fromName, toName] = [transactionName(from), transactionName(to)];
  const writerOf = (facts: RegisterFacts, value: unknown): number =>
    (facts.writers.get(value) ?? -2) >> 1;
  for (const operation of (kind === WR ? to : from).operations) {
    const facts = registers.get(operation.key);
    if (facts === undefined) continue;
    const key = describeTxnValue(operation.key);
    const value = operation.value ?? null;
    if (kind === WW && operation.f === 'w') {
      const next = successorsOf(facts, value).find((version) => writerOf(facts, version) === to.id);
      if (next !== undefined)
        return `${toName} read ${fromName}'s write of ${describeTxnValue(value)} to key ${key} and overwrote it with ${describeTxnValue(next)}`;
    }
    if (operation.f !== 'r') continue;
    if (kind === WR && value !== null && writerOf(facts, value) === from.id)
      return `${toName} read ${fromName}'s write of ${describeTxnValue(value)} to key ${key}`;
    if (kind === RW) {
      const next = successorsOf(facts, value).find((version) => writerOf(facts, version) === to.id);
      if (next !== undefined)
        return `${fromName} read key ${key} = ${describeTxnValue(value)}, which ${toName} overwrote with ${describeTxnValue(next)}`;
    }
  }
  return undefined;
}
