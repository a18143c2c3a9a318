import { checkThat, type LabTest, labTest } from '../../../framework/testing.ts';
import type { PrimaryBackupImplementation } from '../implementation.ts';
import { describeView, INITIAL_VIEWNUM, STARTUP_VIEWNUM } from '../view.ts';
import { ViewServerProbe } from './view-server-probe.ts';

/**
 * DSLabs's `setupView`: server `primary` pings first and becomes primary of the first view;
 * with a backup, the primary acknowledges it and `backup` pings, making the second view. With
 * `acknowledge`, the primary then acknowledges the last view.
 */
function setUpView(
  probe: ViewServerProbe,
  primary: number,
  backup: number | null,
  acknowledge: boolean,
): void {
  probe.ping(primary, STARTUP_VIEWNUM);
  probe.expectView(primary, null, INITIAL_VIEWNUM);
  if (backup !== null) {
    probe.ping(primary, INITIAL_VIEWNUM);
    probe.ping(backup, STARTUP_VIEWNUM);
    probe.expectView(primary, backup, INITIAL_VIEWNUM + 1);
  }
  if (acknowledge) probe.ping(primary, backup === null ? INITIAL_VIEWNUM : INITIAL_VIEWNUM + 1);
}

/** Part 1: the view server alone, with stub servers (numbered as DSLabs's view server tests). */
export function viewServerTests(implementation: PrimaryBackupImplementation): LabTest[] {
  const unitTest = (
    number: number,
    description: string,
    body: (probe: ViewServerProbe) => void,
  ): LabTest =>
    labTest({
      part: 1,
      number,
      points: 5,
      kind: 'run',
      description,
      run: (context) => body(new ViewServerProbe(context, implementation)),
    });
  return [
    unitTest(1, 'Startup view: view 0, no primary, no backup', (probe) => {
      probe.expectView(null, null, STARTUP_VIEWNUM);
    }),
    unitTest(2, 'First primary: the first server to ping', (probe) => {
      setUpView(probe, 1, null, false);
    }),
    unitTest(3, 'First backup, once the primary acknowledged', (probe) => {
      setUpView(probe, 1, 2, false);
    }),
    unitTest(4, 'Backup pings first, then the primary acknowledges', (probe) => {
      setUpView(probe, 1, null, false);
      probe.ping(2, STARTUP_VIEWNUM);
      probe.expectView(1, null, INITIAL_VIEWNUM);
      probe.ping(1, INITIAL_VIEWNUM);
      probe.expectView(1, 2, INITIAL_VIEWNUM + 1);
    }),
    unitTest(5, 'Backup takes over when the primary stops pinging', (probe) => {
      setUpView(probe, 1, 2, true);
      probe.ping(2, INITIAL_VIEWNUM + 1);
      probe.silence(1);
      // Not dead until a whole check interval passes without its ping.
      probe.expectView(1, 2, INITIAL_VIEWNUM + 1);
      probe.checks(2);
      probe.expectView(2, null, INITIAL_VIEWNUM + 2);
    }),
    unitTest(6, 'Old primary comes back as backup', (probe) => {
      setUpView(probe, 1, 2, true);
      probe.ping(2, INITIAL_VIEWNUM + 1);
      probe.silence(1);
      probe.checks(2);
      probe.expectView(2, null, INITIAL_VIEWNUM + 2);
      probe.ping(2, INITIAL_VIEWNUM + 2);
      probe.ping(1, INITIAL_VIEWNUM + 1);
      probe.expectView(2, 1, INITIAL_VIEWNUM + 3);
    }),
    unitTest(7, 'Idle third server becomes backup when the backup is promoted', (probe) => {
      setUpView(probe, 1, 2, true);
      probe.ping(2, INITIAL_VIEWNUM + 1);
      probe.ping(3, STARTUP_VIEWNUM);
      probe.silence(1);
      probe.checks(2);
      probe.expectView(2, 3, INITIAL_VIEWNUM + 2);
    }),
    unitTest(8, "Wait for the primary's acknowledgement before promoting the backup", (probe) => {
      probe.ping(1, STARTUP_VIEWNUM);
      probe.ping(2, STARTUP_VIEWNUM);
      probe.expectView(1, null, INITIAL_VIEWNUM);
      probe.ping(1, INITIAL_VIEWNUM);
      probe.expectView(1, 2, INITIAL_VIEWNUM + 1);
      probe.ping(2, INITIAL_VIEWNUM);
      // The primary dies before acknowledging view 2: the backup must not be promoted.
      probe.silence(1);
      probe.checks(4);
      probe.expectView(1, 2, INITIAL_VIEWNUM + 1);
    }),
    unitTest(9, 'Dead backup removed from the view', (probe) => {
      setUpView(probe, 1, 2, true);
      probe.silence(2);
      probe.checks(2);
      probe.expectView(1, null, INITIAL_VIEWNUM + 2);
    }),
    unitTest(10, 'Uninitialized server not made primary', (probe) => {
      setUpView(probe, 1, 2, true);
      probe.ping(2, INITIAL_VIEWNUM + 1);
      probe.ping(3, STARTUP_VIEWNUM);
      probe.silence(1);
      probe.checks(2);
      probe.expectView(2, 3, INITIAL_VIEWNUM + 2);
      // server2 never acknowledges view 3 and dies: server3 may have no state, so it waits.
      probe.ping(3, INITIAL_VIEWNUM + 2);
      probe.silence(2);
      probe.checks(4);
      probe.expectView(2, 3, INITIAL_VIEWNUM + 2);
    }),
    unitTest(11, 'Dead idle server not made backup', (probe) => {
      setUpView(probe, 1, null, false);
      probe.ping(2, STARTUP_VIEWNUM);
      probe.silence(1);
      probe.silence(2);
      probe.checks(2);
      probe.ping(1, INITIAL_VIEWNUM);
      probe.expectView(1, null, INITIAL_VIEWNUM);
      probe.checks(1);
      probe.expectView(1, null, INITIAL_VIEWNUM);
    }),
    unitTest(
      12,
      'Consecutive views differ; the view number never grows without a change',
      (probe) => {
        setUpView(probe, 1, null, false);
        probe.ping(1, INITIAL_VIEWNUM);
        probe.checks(2);
        probe.expectView(1, null, INITIAL_VIEWNUM);
        // A dead primary without a backup: stuck, and no new view.
        probe.silence(1);
        probe.checks(2);
        probe.expectView(1, null, INITIAL_VIEWNUM);
        probe.ping(1, INITIAL_VIEWNUM);
        probe.checks(2);
        probe.expectView(1, null, INITIAL_VIEWNUM);
        probe.ping(2, STARTUP_VIEWNUM);
        probe.expectView(1, 2, INITIAL_VIEWNUM + 1);
        probe.ping(1, INITIAL_VIEWNUM + 1);
        probe.checks(2);
        probe.expectView(1, 2, INITIAL_VIEWNUM + 1);
        probe.silence(1);
        probe.silence(2);
        probe.checks(2);
        const views = probe.views();
        views.forEach((view, index) => {
          const previous = views[index - 1];
          if (previous === undefined) return;
          checkThat(
            view.viewNum === previous.viewNum + 1 &&
              (view.primary !== previous.primary || view.backup !== previous.backup),
            `${describeView(view)} follows ${describeView(previous)}`,
          );
        });
      },
    ),
  ];
}
