import { CheckFailure, type Simulation } from '../../../framework/testing.ts';
import {
  chosenWithoutMajorityProblem,
  foreignCommandProblem,
  isPaxosServer,
  logsConsistentAllSlotsProblem,
  logsConsistentProblem,
  logView,
  markersProblem,
} from '../log-checks.ts';
import type { PaxosRun } from './setup.ts';

/**
 * The search invariants, checked on the final state of a run: the logs agree on every
 * chosen slot, chosen commands are held by a majority, the markers are within bounds, and
 * the logs hold the clients' commands.
 */
export function checkLogs(run: PaxosRun): void {
  const servers = run.servers.map((address) => run.simulation.node(address)).filter(isPaxosServer);
  const views = servers.map(logView);
  const problem =
    logsConsistentProblem(views) ??
    logsConsistentAllSlotsProblem(views) ??
    chosenWithoutMajorityProblem(views) ??
    markersProblem(views) ??
    views
      .map((view) => foreignCommandProblem(view, run.simulation.clientWorkers()))
      .find((found) => found !== undefined);
  if (problem !== undefined) throw new CheckFailure(`after ${run.simulation.nowMs} ms: ${problem}`);
}

/** No client has received any result. */
export function checkNoResults(simulation: Simulation): void {
  for (const worker of simulation.clientWorkers()) {
    if (worker.completed > 0)
      throw new CheckFailure(
        `${worker.address} received ${worker.completed} results after ${simulation.nowMs} ms, but no majority could be reached`,
      );
  }
}
