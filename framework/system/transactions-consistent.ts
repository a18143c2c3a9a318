import type { Address } from '../core/address.ts';
import type { HistoryEvent } from '../core/effects.ts';
import type { AnomalyType } from '../check/txn/anomaly-types.ts';
import { checkTransactions, type TxnCheckResult } from '../check/txn/check-transactions.ts';
import { anomaliesForbiddenBy, type ConsistencyModel } from '../check/txn/consistency-models.ts';
import { formatAnomalyExample } from '../check/txn/result-text.ts';
import type { MicroOperation, TxnEvent } from '../check/txn/transaction.ts';
import type { TxnWorkload } from '../check/txn/workload-analysis.ts';
import { invariant, type Predicate } from '../search/predicate.ts';
import type { SystemState } from './system-state.ts';

/**
 * How a lab's commands and results read as transactions of the checker's workload. A
 * command that is not a transaction (a configuration change, say) is left out.
 */
export interface TxnRecorder<Command = unknown, Result = unknown> {
  /**
   * The micro-operations the command asks for, reads with value `null`; `undefined` when
   * the command is not a transaction.
   */
  invocation(command: Command): readonly MicroOperation[] | undefined;
  /**
   * What the result says happened: the same micro-operations with what each read returned
   * (the transaction committed), `'fail'` (it certainly took no effect: an abort) or
   * `'info'` (it may or may not have).
   */
  completion(command: Command, result: Result): readonly MicroOperation[] | 'fail' | 'info';
}

/** Names for families of anomalies, after Adya: G1 is G1a, G1b and G1c; G2 every rw cycle. */
export const ANOMALY_GROUPS = {
  G1: ['G1a', 'G1b', 'G1c'],
  G2: ['G-single', 'G-nonadjacent', 'G2-item'],
} as const satisfies Record<string, readonly AnomalyType[]>;
export type AnomalyGroup = keyof typeof ANOMALY_GROUPS;

/** What the "transactions consistent" check forbids, and how it reads the history. */
export interface TransactionsConsistentOptions<Command = unknown, Result = unknown> {
  readonly workload: TxnWorkload;
  readonly recorder: TxnRecorder<Command, Result>;
  /**
   * The anomalies that fail the check: types (`'G0'`, `'G1c'`, `'G-single-process'`, …)
   * or groups (`'G1'`, `'G2'`). Default: everything `model` forbids.
   */
  readonly forbidden?: readonly (AnomalyType | AnomalyGroup)[];
  /** The model whose anomalies are forbidden when `forbidden` is absent; default serializable. */
  readonly model?: ConsistencyModel;
  /** Check only these clients' commands (all clients' by default). */
  readonly clients?: readonly Address[];
  /** Edges the cycle search may scan before it answers "unknown" (which fails the check). */
  readonly stepsMax?: number;
}

/** Steps the checker may take in a run test before it answers "unknown" (which fails it). */
const CHECK_STEPS_MAX = 50_000_000;

/** Steps it may take on one search state; past it the state fails with "unknown". */
const CHECK_STEPS_PER_STATE_MAX = 1_000_000;

/**
 * The problem text of "transactions consistent" for a client history (a simulation's
 * `history`, or one written by hand): each forbidden anomaly found, with its shortest cycle
 * explained edge by edge, or that the checker could not rule the forbidden cycles out
 * within `stepsMax`; `undefined` when the history has none of them. The run check
 * (`checkTransactionsConsistent`) throws it, the search predicate (`transactionsConsistent`)
 * returns it.
 */
export function transactionsConsistentProblem<Command, Result>(
  history: readonly HistoryEvent[],
  options: TransactionsConsistentOptions<Command, Result>,
): string | undefined {
  return problemOfEvents(transactionEvents(history, options), options, CHECK_STEPS_MAX);
}

/**
 * Invariant: the transactions the client workers have completed show none of the forbidden
 * anomalies. A search state does not record when things happened, so only the data
 * dependencies (ww, wr, rw) are judged, every transaction taken as concurrent with every
 * other, and a transaction still in flight may or may not have taken effect: the
 * invariant never reports a false violation. Run tests, which record time, also judge
 * session and real-time order (`checkTransactionsConsistent`).
 */
export function transactionsConsistent<Command, Result>(
  options: TransactionsConsistentOptions<Command, Result>,
  name = `transactions consistent (${options.workload})`,
): Predicate<SystemState> {
  return invariant(name, (state) => {
    const invocations: TxnEvent[] = [];
    const completions: TxnEvent[] = [];
    for (const worker of state.clientWorkers()) {
      const calls: { command: Command; result?: Result }[] = worker.results.map(
        (result, index) => ({
          command: worker.commandAt(index) as Command,
          result: result as Result,
        }),
      );
      const pending = worker.pendingCommand;
      if (pending !== undefined) calls.push({ command: pending as Command });
      calls.forEach(({ command, result }, index) => {
        const operations = options.recorder.invocation(command);
        if (operations === undefined) return;
        // One process per transaction, all invoked before any completes: no session or
        // real-time order.
        const process = `${worker.address}#${index + 1}`;
        invocations.push({ process, type: 'invoke', value: operations });
        if (result !== undefined)
          completions.push(completion(process, options.recorder.completion(command, result)));
      });
    }
    return (
      problemOfEvents([...invocations, ...completions], options, CHECK_STEPS_PER_STATE_MAX) ?? true
    );
  });
}

function problemOfEvents(
  events: readonly TxnEvent[],
  options: TransactionsConsistentOptions<never, never>,
  stepsMaxDefault: number,
): string | undefined {
  const result = checkTransactions(events, {
    workload: options.workload,
    stepsMax: options.stepsMax ?? stepsMaxDefault,
  });
  return problemText(result, forbiddenSet(options));
}

function completion(
  process: string,
  outcome: readonly MicroOperation[] | 'fail' | 'info',
): TxnEvent {
  return typeof outcome === 'string'
    ? { process, type: outcome, value: [] }
    : { process, type: 'ok', value: outcome };
}

/** The forbidden anomaly types, groups expanded. */
function forbiddenSet(options: TransactionsConsistentOptions<never, never>): Set<AnomalyType> {
  if (options.forbidden === undefined) return anomaliesForbiddenBy(options.model ?? 'serializable');
  return new Set(
    options.forbidden.flatMap((name): readonly AnomalyType[] =>
      name in ANOMALY_GROUPS ? ANOMALY_GROUPS[name as AnomalyGroup] : [name as AnomalyType],
    ),
  );
}

/** The client history as Jepsen events: invocations and completions of its transactions. */
function transactionEvents<Command, Result>(
  history: readonly HistoryEvent[],
  options: TransactionsConsistentOptions<Command, Result>,
): TxnEvent[] {
  const { recorder, clients } = options;
  // The command of each open transaction, by client and command index.
  const open = new Map<string, Command>();
  const events: TxnEvent[] = [];
  for (const event of history) {
    if (clients !== undefined && !clients.includes(event.client)) continue;
    const call = `${event.client}#${event.index}`;
    if (event.type === 'invoke') {
      const operations = recorder.invocation(event.value as Command);
      if (operations === undefined) continue;
      open.set(call, event.value as Command);
      events.push({ process: event.client, type: 'invoke', value: operations });
      continue;
    }
    if (!open.has(call)) continue;
    const command = open.get(call) as Command;
    open.delete(call);
    events.push(completion(event.client, recorder.completion(command, event.value as Result)));
  }
  return events;
}

function problemText(
  result: TxnCheckResult,
  forbidden: ReadonlySet<AnomalyType>,
): string | undefined {
  const found = result.anomalies.filter((anomaly) => forbidden.has(anomaly.type));
  const undecided = result.undecided.filter((type) => forbidden.has(type));
  if (found.length === 0 && undecided.length === 0) return undefined;
  const undecidedText = `the checker could not rule out ${undecided.join(', ')} within ${result.steps} steps`;
  if (found.length === 0) return `${result.transactions} recorded transactions: ${undecidedText}`;
  const lines = found.flatMap((anomaly) => {
    const first = anomaly.examples[0];
    return [
      `${anomaly.type} (${anomaly.count} found):`,
      ...(first === undefined ? [] : formatAnomalyExample(first)),
    ];
  });
  if (undecided.length > 0) lines.push(undecidedText);
  return `the ${result.transactions} recorded transactions show forbidden anomalies:\n${lines.join('\n')}`;
}
