import { PROCESS, REALTIME, type DependencyGraphBuilder } from './dependency-graph.ts';
import { FAIL, OK, type TransactionTable } from './transaction-table.ts';

/**
 * Process (session) edges: each process's committed transaction before its next one. A
 * transaction with an unknown outcome may take effect later, so it orders nothing after it.
 */
export function addProcessEdges(
  transactions: TransactionTable,
  graph: DependencyGraphBuilder,
): void {
  const lastCommitted = new Map<string | number, number>();
  // Transactions are numbered in invocation order.
  for (let id = 0; id < transactions.count; id++) {
    const status = transactions.statusCode(id);
    if (status === FAIL) continue;
    const process = transactions.process(id);
    const previous = lastCommitted.get(process);
    if (previous !== undefined) graph.add(previous, id, PROCESS);
    if (status === OK) lastCommitted.set(process, id);
    else lastCommitted.delete(process);
  }
}

/**
 * Real-time edges: T1 before T2 when T1 completed before T2 was invoked. Only the edges
 * that no other path implies are added (from the committed transactions that nothing else
 * completed after), so a history of n transactions with c concurrent clients gets about
 * n × c edges rather than n².
 */
export function addRealtimeEdges(
  transactions: TransactionTable,
  eventCount: number,
  graph: DependencyGraphBuilder,
): void {
  // Each event position holds id * 2 for an invocation, id * 2 + 1 for a completion.
  const events = new Int32Array(eventCount).fill(-1);
  for (let id = 0; id < transactions.count; id++) {
    const status = transactions.statusCode(id);
    if (status === FAIL) continue;
    events[transactions.invokeIndex(id)] = id * 2;
    if (status === OK) events[transactions.completeIndex(id)] = id * 2 + 1;
  }
  // Committed transactions none of which completed before another's invocation.
  const frontier = new Int32Array(transactions.count);
  let frontierSize = 0;
  for (let position = 0; position < eventCount; position++) {
    const event = events[position] as number;
    if (event < 0) continue;
    const id = event >> 1;
    if ((event & 1) === 0) {
      for (let index = 0; index < frontierSize; index++)
        graph.add(frontier[index] as number, id, REALTIME);
      continue;
    }
    const invoked = transactions.invokeIndex(id);
    // Those completed before this one was invoked now precede the frontier through it.
    let kept = 0;
    for (let index = 0; index < frontierSize; index++) {
      const earlier = frontier[index] as number;
      if (transactions.completeIndex(earlier) > invoked) frontier[kept++] = earlier;
    }
    frontier[kept++] = id;
    frontierSize = kept;
  }
}
