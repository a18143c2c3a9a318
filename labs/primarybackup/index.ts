import type { Lab } from '../../framework/testing.ts';
import { primaryBackupExplore } from './explore.ts';
import { primaryBackupTests } from './tests/index.ts';
import { viewSummary } from './view-summary.ts';

/** Lab 2: primary-backup replication with a view server. */
export const primaryBackupLab: Lab = {
  id: '2',
  name: 'primarybackup',
  title: 'Primary-backup replication',
  tests: primaryBackupTests(),
  explore: primaryBackupExplore,
  summary: viewSummary,
  studentFiles: [
    'labs/primarybackup/view-server.ts',
    'labs/primarybackup/pb-server.ts',
    'labs/primarybackup/pb-client.ts',
    'labs/primarybackup/messages.ts',
    'labs/primarybackup/timers.ts',
  ],
};
