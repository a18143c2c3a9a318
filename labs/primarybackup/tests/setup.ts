import { type Address, address } from '../../../framework/index.ts';
import {
  CheckFailure,
  type ClientWorker,
  type NetworkSettings,
  type Simulation,
  type TestContext,
  type Workload,
} from '../../../framework/testing.ts';
import type { PrimaryBackupImplementation } from '../implementation.ts';
import { PING_CHECK_MILLIS } from '../timers.ts';
import { describeView, type View } from '../view.ts';
import { ViewWatcher } from './view-watcher.ts';

/** The view server's address in every test. */
export const VIEW_SERVER = address('viewserver');
/** The address of the tests' own view watcher (DSLabs's test address). */
export const TESTER = address('tester');

/** 80% delivery, as DSLabs's unreliable tests. */
export const UNRELIABLE: Partial<NetworkSettings> = { deliveryRate: 0.8 };

/**
 * 80% delivery except on the view server's links, as DSLabs's repeated-crash test keeps them
 * (`nodeUnreliable(VSA, false)`). With every link lossy, a live server loses all four pings of
 * a check interval about once in 625 intervals and is declared dead; if the test then crashes
 * the new view's primary before it acknowledges, the service is stuck by design.
 */
export const UNRELIABLE_SERVERS: Partial<NetworkSettings> = {
  deliveryRate: 0.8,
  reliableNodes: [VIEW_SERVER],
};

/** How long DSLabs waits for a view to start before failing: four ping checks. */
const VIEW_WAIT_MS = PING_CHECK_MILLIS * 4;

/**
 * A run of lab 2: a simulation with the view server, servers and clients added as the test
 * goes, and (unless the test counts the view server's messages) the view watcher.
 */
export class PrimaryBackupRun {
  readonly simulation: Simulation;
  private readonly watcher: ViewWatcher | undefined;

  constructor(
    context: TestContext,
    private readonly implementation: PrimaryBackupImplementation,
    network: Partial<NetworkSettings> = {},
    { watch = true }: { watch?: boolean } = {},
  ) {
    this.simulation = context.simulation(network);
    this.simulation.addNode(VIEW_SERVER, () => implementation.viewServer(VIEW_SERVER));
    this.watcher = watch
      ? (this.simulation.addNode(TESTER, () => new ViewWatcher(TESTER, VIEW_SERVER)) as ViewWatcher)
      : undefined;
  }

  /** Adds and starts the server `server1`, `server2`, … of number `number`. */
  addServer(number: number): Address {
    const server = serverAddress(number);
    this.simulation.addNode(server, () => this.implementation.server(server, VIEW_SERVER));
    return server;
  }

  /** Removes a server for good, as DSLabs's tests kill one. */
  removeServer(number: number): void {
    this.simulation.removeNode(serverAddress(number));
  }

  /** Adds a client worker at `client` running `workload`. */
  addClient(client: Address, workload: Workload): ClientWorker {
    return this.simulation.addClientWorker(
      client,
      () => this.implementation.client(client, VIEW_SERVER),
      workload,
    );
  }

  /** The latest view the watcher has seen. */
  view(): View {
    if (this.watcher === undefined) throw new Error('this run has no view watcher');
    return this.watcher.latest;
  }

  /** Every view the watcher has seen, in order. */
  views(): readonly View[] {
    if (this.watcher === undefined) throw new Error('this run has no view watcher');
    return this.watcher.seen;
  }

  /** Runs until the view has this primary and backup; fails after four ping checks. */
  waitForView(primary: number, backup: number | null): void {
    const wanted = (view: View): boolean =>
      view.primary === serverAddress(primary) &&
      view.backup === (backup === null ? null : serverAddress(backup));
    if (this.simulation.runUntilTrue(() => wanted(this.view()), VIEW_WAIT_MS)) return;
    throw new CheckFailure(
      `expected a view with primary ${serverAddress(primary)} and ${backup === null ? 'no backup' : `backup ${serverAddress(backup)}`} within ${VIEW_WAIT_MS} ms; the view is ${describeView(this.view())} at ${this.simulation.nowMs} ms`,
    );
  }

  /**
   * DSLabs's `setupRunView`: adds the primary, waits for its view, adds the backup (if any),
   * waits for that view, then lets four ping checks pass so that the view is acknowledged.
   */
  setUpView(primary: number, backup: number | null): void {
    this.addServer(primary);
    this.waitForView(primary, null);
    if (backup !== null) {
      this.addServer(backup);
      this.waitForView(primary, backup);
    }
    this.simulation.runFor(VIEW_WAIT_MS);
  }
}

/** The address of server number `number`. */
export function serverAddress(number: number): Address {
  return address(`server${number}`);
}
