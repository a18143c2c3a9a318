// Shared set-up of the Paxos benchmarks: a group of servers on 1 ms links, where each node
// handles one message (or timer) at a time for a fixed service time, so that a busy leader
// saturates; clients appending forever; and the figures read from the recorded history.
import { type Address, addresses } from '../framework/index.ts';
import { type HistoryEvent, Simulation, type SimulationEvent } from '../framework/testing.ts';
import { infiniteAppends } from '../labs/kvstore/index.ts';
import type { PaxosReply, PaxosRequest, Prepare } from '../labs/paxos/messages.ts';
import { PaxosClient } from '../labs/paxos/paxos-client.ts';
import { replicatedKVStore } from '../labs/paxos/implementation.ts';
import { PaxosServer } from '../labs/paxos/paxos-server.ts';
import type { PaxosVariant } from '../labs/paxos/variant.ts';

/** Link latency: every message takes exactly this long. */
export const LINK_MS = 1;
/** Processing cost of each message or timer at each node. */
export const SERVICE_TIME_MS = 0.05;

/**
 * One command's agreement at the server that answered it: from the request's arrival to the reply's
 * departure.
 */
export interface Agreement {
  readonly server: Address;
  readonly replyMicros: number;
  readonly durationMs: number;
}

/** What the benchmarks watch in the run, from the simulation's event stream. */
export interface Observations {
  /** Messages sent so far. */
  sent: number;
  readonly agreements: Agreement[];
  /** Elections started (Prepare broadcasts), in order. */
  readonly elections: { readonly timeMicros: number; readonly candidate: Address }[];
}

/** A running group with its clients, and what has been observed of it. */
export interface Cluster {
  readonly simulation: Simulation;
  readonly servers: readonly Address[];
  readonly observed: Observations;
}

function observer(observed: Observations): (event: SimulationEvent) => void {
  const arrivals = new Map<string, number>();
  const elections = new Set<string>();
  return (event) => {
    if (event.type === 'deliver' && event.message.kind === 'PaxosRequest') {
      const { command } = event.message as PaxosRequest;
      const key = `${event.to}|${command.client}#${command.sequenceNumber}`;
      if (!arrivals.has(key)) arrivals.set(key, event.timeMicros);
    }
    if (event.type !== 'send') return;
    observed.sent++;
    const message = event.message;
    if (message.kind === 'PaxosReply') {
      const key = `${event.from}|${event.to}#${(message as PaxosReply).result.sequenceNumber}`;
      const arrival = arrivals.get(key);
      if (arrival !== undefined)
        observed.agreements.push({
          server: event.from,
          replyMicros: event.timeMicros,
          durationMs: (event.timeMicros - arrival) / 1000,
        });
      arrivals.delete(key);
    } else if (message.kind === 'Prepare') {
      const { ballot } = message as Prepare;
      const key = `${ballot.round}.${ballot.leader}`;
      if (!elections.has(key))
        observed.elections.push({ timeMicros: event.timeMicros, candidate: event.from });
      elections.add(key);
    }
  };
}

/** Starts `serverCount` servers of `variant` and `clientCount` clients appending forever. */
export function startCluster(
  variant: PaxosVariant,
  serverCount: number,
  clientCount: number,
  seed: number,
): Cluster {
  const observed: Observations = { sent: 0, agreements: [], elections: [] };
  const onEvent = observer(observed);
  const simulation = new Simulation({
    seed,
    network: { latencyMsMin: LINK_MS, latencyMsMax: LINK_MS },
    serviceTimeMs: SERVICE_TIME_MS,
    onEvent,
  });
  const servers = addresses('server', serverCount);
  for (const server of servers)
    simulation.addNode(
      server,
      () => new PaxosServer(server, servers, variant, replicatedKVStore()),
    );
  for (const client of addresses('client', clientCount))
    simulation.addClientWorker(client, () => new PaxosClient(client, servers), infiniteAppends());
  return { simulation, servers, observed };
}

/** Latencies (ms) of the commands that completed between `fromMicros` and `toMicros`. */
export function latenciesMs(
  history: readonly HistoryEvent[],
  fromMicros: number,
  toMicros: number,
): number[] {
  const invoked = new Map<string, number>();
  const latencies: number[] = [];
  for (const event of history) {
    const key = `${event.client}#${event.index}`;
    if (event.type === 'invoke') invoked.set(key, event.timeMicros);
    else {
      const start = invoked.get(key);
      if (start !== undefined && event.timeMicros >= fromMicros && event.timeMicros < toMicros)
        latencies.push((event.timeMicros - start) / 1000);
      invoked.delete(key);
    }
  }
  return latencies;
}

/** The q-quantile (0 ≤ q ≤ 1) of some numbers, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  ] as number;
}

/** A number with a fixed count of decimals, right-aligned in `width` characters. */
export function column(value: number, decimals: number, width: number): string {
  return value.toFixed(decimals).padStart(width);
}
