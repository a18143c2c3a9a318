import type { Node } from '../../framework/index.ts';
import {
  ClientWorker,
  goal,
  invariant,
  nodesInvariant,
  type Predicate,
  type SystemState,
} from '../../framework/testing.ts';
import {
  chosenWithoutMajorityProblem,
  foreignCommandProblem,
  isPaxosServer,
  logsConsistentAllSlotsProblem,
  logsConsistentProblem,
  logView,
  markersProblem,
  type LogView,
} from './log-checks.ts';
import type { PaxosServerNode, SlotStatus } from './log-inspection.ts';

/** The Paxos servers of a search state (the nodes that show the log inspection interface). */
function paxosServers(state: SystemState): PaxosServerNode[] {
  return state.nodes().filter(isPaxosServer);
}

/**
 * An invariant over the servers' log views (the search reads each server state's view once,
 * and judges each combination of server states once).
 */
function logInvariant(
  name: string,
  problem: (views: readonly LogView[]) => string | undefined,
): Predicate<SystemState> {
  return nodesInvariant(name, { select: isPaxosServer, view: logView, problem });
}

/** Invariant: in the active window of the logs, no slot is chosen with two different commands. */
export const LOGS_CONSISTENT: Predicate<SystemState> = logInvariant(
  'logs consistent',
  logsConsistentProblem,
);

/** Invariant: the same, for every slot that any two servers still hold. */
export const LOGS_CONSISTENT_ALL_SLOTS: Predicate<SystemState> = logInvariant(
  'logs consistent in every slot',
  logsConsistentAllSlotsProblem,
);

/** Invariant: a chosen command is held by a majority of servers. */
export const CHOSEN_BY_MAJORITY: Predicate<SystemState> = logInvariant(
  'chosen commands accepted by a majority',
  chosenWithoutMajorityProblem,
);

/** Invariant: every server's first non-cleared and last non-empty slots are within bounds. */
export const MARKERS_IN_BOUNDS: Predicate<SystemState> = logInvariant(
  'log markers within bounds',
  markersProblem,
);

/**
 * Invariant: the logs hold the clients' commands as they sent them, and no-ops. It reads the
 * client workers too (their workloads say what each sent).
 */
export const LOG_HOLDS_CLIENT_COMMANDS: Predicate<SystemState> = nodesInvariant(
  'logs hold client commands',
  {
    select: (node: Node): node is PaxosServerNode | ClientWorker =>
      node instanceof ClientWorker || isPaxosServer(node),
    view: (node): LogView | ClientWorker => (node instanceof ClientWorker ? node : logView(node)),
    problem: (views) => {
      const workers = views.filter((view) => view instanceof ClientWorker);
      for (const view of views) {
        if (view instanceof ClientWorker) continue;
        const problem = foreignCommandProblem(view, workers);
        if (problem !== undefined) return problem;
      }
      return undefined;
    },
  },
);

/** Every invariant of the servers' logs. */
export const PAXOS_INVARIANTS: readonly Predicate<SystemState>[] = [
  LOGS_CONSISTENT,
  LOGS_CONSISTENT_ALL_SLOTS,
  CHOSEN_BY_MAJORITY,
  MARKERS_IN_BOUNDS,
  LOG_HOLDS_CLIENT_COMMANDS,
];

/** Whether some server knows some slot chosen. */
function someSlotChosen(state: SystemState): string | false {
  for (const server of paxosServers(state)) {
    for (let slot = server.firstNonCleared(); slot <= server.lastNonEmpty(); slot++) {
      if (server.status(slot) === 'chosen') return `${server.address} knows slot ${slot} chosen`;
    }
  }
  return false;
}

/** Goal: some server knows a slot chosen. */
export const SOME_SLOT_CHOSEN: Predicate<SystemState> = goal('a slot is chosen', someSlotChosen);

/** Invariant: no server knows any slot chosen (for groups without a majority). */
export const NO_SLOT_CHOSEN: Predicate<SystemState> = invariant('nothing is chosen', (state) => {
  const chosen = someSlotChosen(state);
  return chosen === false ? true : chosen;
});

/** Goal: some server knows a later slot chosen while an earlier one is not chosen there. */
export const LOG_WITH_HOLE: Predicate<SystemState> = goal('a log with a hole', (state) => {
  for (const server of paxosServers(state)) {
    let unchosen: number | undefined;
    for (let slot = server.firstNonCleared(); slot <= server.lastNonEmpty(); slot++) {
      const status = server.status(slot);
      if (status !== 'chosen') unchosen ??= slot;
      else if (unchosen !== undefined)
        return `${server.address} knows slot ${slot} chosen but not slot ${unchosen}`;
    }
  }
  return false;
});

/** Goal: a slot is chosen at a server other than those listed. */
export function slotChosenOutside(
  slot: number,
  excluded: readonly string[],
): Predicate<SystemState> {
  return goal(`slot ${slot} chosen outside ${excluded.join(', ')}`, (state) => {
    const server = paxosServers(state).find(
      (candidate) => !excluded.includes(candidate.address) && candidate.status(slot) === 'chosen',
    );
    return server === undefined ? false : `${server.address} knows slot ${slot} chosen`;
  });
}

/** Some servers' status for one slot, as a goal requires it. */
export interface SlotCondition {
  readonly slot: number;
  readonly status: SlotStatus;
  readonly servers: readonly string[];
}

/**
 * Goal: every condition holds — each listed server shows the listed status for the slot.
 * Staged searches name the states they steer to this way, through the inspection
 * interface only, so that they judge any implementation.
 */
export function slotsShow(...conditions: readonly SlotCondition[]): Predicate<SystemState> {
  const name = conditions
    .map(({ slot, status, servers }) => `slot ${slot} ${status} at ${servers.join(', ')}`)
    .join('; ');
  return goal(name, (state) => {
    const servers = paxosServers(state);
    for (const { slot, status, servers: listed } of conditions) {
      for (const address of listed) {
        if (servers.find((server) => server.address === address)?.status(slot) !== status)
          return false;
      }
    }
    return name;
  });
}
