import type { Address, Node } from '../../framework/index.ts';
import { type ClientWorker, describeValue, workloadSize } from '../../framework/testing.ts';
import { encode } from '../../framework/engine.ts';
import type { PaxosServerNode, SlotStatus } from './log-inspection.ts';

/**
 * Checks of the servers' logs, through the inspection interface only, so that they judge
 * any implementation. Each reads {@link LogView}s and returns a description of the first
 * problem, or undefined. Search invariants and run-test checks share them.
 */

/** Whether a node shows the Paxos log inspection interface. */
export function isPaxosServer(node: Node): node is PaxosServerNode {
  const candidate = node as Partial<PaxosServerNode>;
  return (
    typeof candidate.status === 'function' &&
    typeof candidate.firstNonCleared === 'function' &&
    typeof candidate.lastNonEmpty === 'function'
  );
}

/** One non-empty, non-cleared slot as the checks see it. */
interface SlotView {
  readonly status: SlotStatus;
  /** Tells commands apart: `no-op`, or the command's canonical encoding. */
  readonly key: string;
  readonly description: string;
}

/**
 * What the checks read of one server, taken once: its markers, and each slot of its active
 * window. Search reuses a view for every state that contains the same server state.
 */
export interface LogView {
  readonly address: Address;
  readonly firstNonCleared: number;
  readonly lastNonEmpty: number;
  /** Slots in [firstNonCleared, lastNonEmpty + 1], including empty ones. */
  readonly slots: ReadonlyMap<number, SlotView>;
  /** A status outside the window that contradicts the markers, if any (see markersProblem). */
  readonly markerProblem: string | undefined;
  readonly server: PaxosServerNode;
}

const EMPTY: SlotView = { status: 'empty', key: '', description: 'nothing' };

/** Reads a server's log through its inspection interface. */
export function logView(server: PaxosServerNode): LogView {
  const firstNonCleared = server.firstNonCleared();
  const lastNonEmpty = server.lastNonEmpty();
  const slots = new Map<number, SlotView>();
  for (let slot = Math.max(firstNonCleared, 1); slot <= lastNonEmpty + 1; slot++) {
    const status = server.status(slot);
    if (status === 'empty') {
      slots.set(slot, EMPTY);
      continue;
    }
    const command = server.command(slot);
    const key = command === undefined ? 'no-op' : encode(command);
    // Described only when a check fails: a search builds a view for every new server state.
    slots.set(slot, {
      status,
      key,
      get description() {
        return command === undefined
          ? 'a no-op'
          : `${command.client}#${command.sequenceNumber} ${describeValue(command.command)}`;
      },
    });
  }
  return {
    address: server.address,
    firstNonCleared,
    lastNonEmpty,
    slots,
    markerProblem: markerProblem(server, firstNonCleared, lastNonEmpty),
    server,
  };
}

function statusOf(view: LogView, slot: number): SlotStatus {
  if (slot < view.firstNonCleared) return 'cleared';
  return view.slots.get(slot)?.status ?? 'empty';
}

/** Servers that know a slot chosen agree on its command, for every slot in [from, to]. */
function chosenAgreement(views: readonly LogView[], from: number, to: number): string | undefined {
  for (let slot = Math.max(from, 1); slot <= to; slot++) {
    let first: SlotView | undefined;
    let firstAddress = '';
    for (const view of views) {
      const entry = view.slots.get(slot);
      if (entry?.status !== 'chosen') continue;
      if (first === undefined) {
        first = entry;
        firstAddress = view.address;
      } else if (first.key !== entry.key) {
        return `slot ${slot} is chosen with two commands: ${first.description} at ${firstAddress}, ${entry.description} at ${view.address}`;
      }
    }
  }
  return undefined;
}

/**
 * The active window: from the highest first non-cleared slot (below it some server has
 * forgotten the slot) to the highest last non-empty slot.
 */
export function logsConsistentProblem(views: readonly LogView[]): string | undefined {
  return chosenAgreement(
    views,
    Math.max(...views.map((view) => view.firstNonCleared)),
    Math.max(...views.map((view) => view.lastNonEmpty)),
  );
}

/** The strict form: every slot from 1, compared among the servers that still hold it. */
export function logsConsistentAllSlotsProblem(views: readonly LogView[]): string | undefined {
  return chosenAgreement(views, 1, Math.max(...views.map((view) => view.lastNonEmpty)));
}

/**
 * A chosen command was accepted by a majority. Once chosen, a command stays in the slot
 * of every acceptor that accepted it (later ballots can only propose it again), so at any
 * time a majority of servers hold it: accepted, chosen, or cleared after everyone
 * executed it.
 */
export function chosenWithoutMajorityProblem(views: readonly LogView[]): string | undefined {
  const majority = Math.floor(views.length / 2) + 1;
  const from = Math.min(...views.map((view) => view.firstNonCleared));
  const to = Math.max(...views.map((view) => view.lastNonEmpty));
  for (let slot = from; slot <= to; slot++) {
    let chosen: SlotView | undefined;
    let chooser = '';
    for (const view of views) {
      const entry = view.slots.get(slot);
      if (entry?.status === 'chosen') {
        chosen = entry;
        chooser = view.address;
        break;
      }
    }
    if (chosen === undefined) continue;
    const key = chosen.key;
    const holders = views.filter(
      (view) =>
        slot < view.firstNonCleared ||
        (view.slots.get(slot)?.status !== 'empty' && view.slots.get(slot)?.key === key),
    );
    if (holders.length < majority) {
      return `slot ${slot} is chosen at ${chooser} with ${chosen.description}, but held only by ${holders.map((view) => view.address).join(', ')} (a majority is ${majority})`;
    }
  }
  return undefined;
}

/** The statuses around a server's markers contradict them; read once per view. */
function markerProblem(server: PaxosServerNode, first: number, last: number): string | undefined {
  const where = `${server.address} (firstNonCleared ${first}, lastNonEmpty ${last})`;
  if (!Number.isInteger(first) || first < 1)
    return `${where}: firstNonCleared must be an integer of at least 1`;
  if (!Number.isInteger(last) || last < first - 1)
    return `${where}: lastNonEmpty must be at least firstNonCleared - 1`;
  if (first > 1 && server.status(first - 1) !== 'cleared')
    return `${where}: slot ${first - 1} is ${server.status(first - 1)}, not cleared`;
  if (server.status(first) === 'cleared') return `${where}: slot ${first} is cleared`;
  if (last >= first && server.status(last) === 'empty') return `${where}: slot ${last} is empty`;
  if (server.status(last + 1) !== 'empty')
    return `${where}: slot ${last + 1} is ${server.status(last + 1)}, not empty`;
  return undefined;
}

/**
 * The markers are within bounds: 1 ≤ firstNonCleared ≤ lastNonEmpty + 1, the slots
 * around them have the statuses they imply, and a slot is cleared somewhere only if every
 * server has it chosen or cleared (garbage collection waits for everyone).
 */
export function markersProblem(views: readonly LogView[]): string | undefined {
  for (const view of views) if (view.markerProblem !== undefined) return view.markerProblem;
  for (const cleared of views) {
    for (const other of views) {
      for (let slot = other.firstNonCleared; slot < cleared.firstNonCleared; slot++) {
        const status = statusOf(other, slot);
        if (status !== 'chosen')
          return `slot ${slot} is cleared at ${cleared.address} but ${status} at ${other.address}`;
      }
    }
  }
  return undefined;
}

/**
 * Every command in a log is a command a client sent, exactly as it sent it: the client
 * exists, and its workload's command with that sequence number is the logged one. A
 * server that logs its own wrapper, or changes a command, fails this.
 */
export function foreignCommandProblem(
  view: LogView,
  workers: readonly ClientWorker[],
): string | undefined {
  const server = view.server;
  for (const [slot, entry] of view.slots) {
    if (entry.status === 'empty' || entry.key === 'no-op') continue;
    const command = server.command(slot);
    if (command === undefined) continue;
    const where = `${server.address} slot ${slot}`;
    if (command.kind !== 'AMOCommand')
      return `${where} holds ${describeValue(command)}, not a client's AMOCommand`;
    const worker = workers.find((candidate) => candidate.address === command.client);
    if (worker === undefined)
      return `${where} holds a command of ${command.client}, which is not a client`;
    const sequenceNumber = command.sequenceNumber;
    if (
      !Number.isInteger(sequenceNumber) ||
      sequenceNumber < 1 ||
      sequenceNumber > workloadSize(worker.workload)
    ) {
      return `${where} holds sequence number ${sequenceNumber} of ${command.client}, which never sent one`;
    }
    const sent = worker.commandAt(sequenceNumber - 1);
    if (sent !== command.command && frozenEncoding(sent) !== frozenEncoding(command.command))
      return `${where} holds ${describeValue(command.command)}, but ${command.client} sent ${describeValue(sent)} as command ${sequenceNumber}`;
  }
  return undefined;
}

/**
 * Encodings of the commands the check compares, by identity: the commands a worker sends and
 * those logged are frozen and shared by every state that holds them, so each is encoded once.
 */
const encodings = new WeakMap<object, string>();

function frozenEncoding(value: unknown): string {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return encode(value);
  let text = encodings.get(value);
  if (text === undefined) encodings.set(value, (text = encode(value)));
  return text;
}
