import { PROCESS, REALTIME, type DependencyGraphBuilder } from './dependency-graph.ts';
import type { Transaction } from './transaction.ts';

/**
 * Process (session) edges: each process's committed transaction before its next one. A
 * transaction with an unknown outcome may take effect later, so it orders nothing after it.
 */
export function addProcessEdges(
  transactions: readonly Transaction[],
  graph: DependencyGraphBuilder,
): void {
  const lastCommitted = new Map<string | number, number>();
  // Transactions are numbered in invocation order.
  for (const transaction of transactions) {
    if (transaction.status === 'fail') continue;
    const previous = lastCommitted.get(transaction.process);
    if (previous !== undefined) graph.add(previous, transaction.id, PROCESS);
    if (transaction.status === 'ok') lastCommitted.set(transaction.process, transaction.id);
    else lastCommitted.delete(transaction.process);
  }
}

/**
 * Real-time edges: T1 before T2 when T1 completed before T2 was invoked. Only the edges
 * that no other path implies are added (from the committed transactions that nothing else
 * completed after), so a history of n transactions with c concurrent clients gets about
 * n × c edges rather than n².
 */
export function addRealtimeEdges(
  transactions: readonly Transaction[],
  eventCount: number,
  graph: DependencyGraphBuilder,
): void {
  // Each event position holds id * 2 for an invocation, id * 2 + 1 for a completion.
  const events = new Int32Array(eventCount).fill(-1);
  for (const transaction of transactions) {
    if (transaction.status === 'fail') continue;
    events[transaction.invokeIndex] = transaction.id * 2;
    if (transaction.status === 'ok' && transaction.completeIndex !== undefined)
      events[transaction.completeIndex] = transaction.id * 2 + 1;
  }
  // Committed transactions none of which completed before another's invocation.
  const frontier: number[] = [];
  for (let position = 0; position < eventCount; position++) {
    const event = events[position] as number;
    if (event < 0) continue;
    const id = event >> 1;
    if ((event & 1) === 0) {
      for (const earlier of frontier) graph.add(earlier, id, REALTIME);
      continue;
    }
    const invoked = (transactions[id] as Transaction).invokeIndex;
    // Those completed before this one was invoked now precede the frontier through it.
    let kept = 0;
    for (const earlier of frontier)
      if (((transactions[earlier] as Transaction).completeIndex as number) > invoked)
        frontier[kept++] = earlier;
    frontier.length = kept;
    frontier.push(id);
  }
}
