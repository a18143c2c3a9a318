import type { Address } from '../../../framework/index.ts';
import { CheckFailure, type Simulation, type TestContext } from '../../../framework/testing.ts';
import type { PrimaryBackupImplementation } from '../implementation.ts';
import { PING_CHECK_MILLIS } from '../timers.ts';
import { describeView, type View } from '../view.ts';
import { PingerStub } from './pinger-stub.ts';
import { serverAddress, TESTER, VIEW_SERVER } from './setup.ts';
import { ViewWatcher } from './view-watcher.ts';

/** Long enough for a ping to arrive and the watcher's next question and answer to follow. */
const SETTLE_MS = 25;

/**
 * The view server alone, with stub servers whose pings a test controls, as DSLabs's view
 * server unit tests drive it: `ping(1, 0)` makes server1 ping with view 0 from now on, and
 * `expectView` reads the view the way a client would, with `GetView`.
 */
export class ViewServerProbe {
  private readonly simulation: Simulation;
  private readonly watcher: ViewWatcher;

  constructor(context: TestContext, implementation: PrimaryBackupImplementation) {
    this.simulation = context.simulation({});
    this.simulation.addNode(VIEW_SERVER, () => implementation.viewServer(VIEW_SERVER));
    this.watcher = this.simulation.addNode(
      TESTER,
      () => new ViewWatcher(TESTER, VIEW_SERVER),
    ) as ViewWatcher;
  }

  /** Server `number` pings with `viewNum` from now on, every ping interval. */
  ping(number: number, viewNum: number): void {
    const server = serverAddress(number);
    this.silence(number);
    this.simulation.addNode(server, () => new PingerStub(server, VIEW_SERVER, viewNum));
    this.simulation.runFor(SETTLE_MS);
  }

  /** Server `number` stops pinging. */
  silence(number: number): void {
    const server = serverAddress(number);
    if (this.simulation.addresses().includes(server)) this.simulation.removeNode(server);
  }

  /** Lets `count` ping checks of the view server pass, and a little more. */
  checks(count: number): void {
    const now = this.simulation.nowMs;
    const nextCheck = (Math.floor(now / PING_CHECK_MILLIS) + count) * PING_CHECK_MILLIS;
    this.simulation.runFor(nextCheck - now + SETTLE_MS);
  }

  /** Fails unless the view is now (`primary`, `backup`), numbered `viewNum` if given. */
  expectView(primary: number | null, backup: number | null, viewNum?: number): void {
    this.simulation.runFor(SETTLE_MS);
    const view = this.watcher.latest;
    const server = (number: number | null): Address | null =>
      number === null ? null : serverAddress(number);
    const expected = `${server(primary) ?? 'no primary'} and ${server(backup) ?? 'no backup'}${viewNum === undefined ? '' : ` in view ${viewNum}`}`;
    if (
      view.primary !== server(primary) ||
      view.backup !== server(backup) ||
      (viewNum !== undefined && view.viewNum !== viewNum)
    )
      throw new CheckFailure(
        `expected ${expected}; the view server says ${describeView(view)} at ${this.simulation.nowMs} ms`,
      );
  }

  /** Every view the watcher saw, in order. */
  views(): readonly View[] {
    return this.watcher.seen;
  }
}
