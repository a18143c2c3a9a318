import type { PrimaryBackupImplementation } from '../../labs/primarybackup/implementation.ts';
import {
  eagerPrimary,
  earlyAcknowledging,
  idlePromoting,
  impatient,
  localReads,
  reinstallingBackup,
  servingBackup,
  trustingBackup,
} from './broken-servers.ts';

/** A deliberately broken lab 2 solution and the graded test (part, number) that catches it. */
export interface PrimaryBackupMutant {
  readonly name: string;
  readonly implementation: PrimaryBackupImplementation;
  /** A graded test that fails on it at the default seed (the cheapest such test). */
  readonly caughtBy: readonly [number, number];
}

/**
 * Lab 2's mutation catalogue: the issue's three broken variants first, then other classic
 * mistakes of a primary-backup implementation. The suite, at its default seed, fails on each
 * (`mutation-catalogue.test.ts`).
 */
export const PRIMARY_BACKUP_MUTANTS: readonly PrimaryBackupMutant[] = [
  {
    name: 'a primary that answers before the backup acknowledges',
    implementation: eagerPrimary,
    caughtBy: [2, 11],
  },
  {
    name: 'a view server that promotes a server that is not the backup',
    implementation: idlePromoting,
    caughtBy: [1, 7],
  },
  {
    name: 'a backup that accepts client requests',
    implementation: servingBackup,
    caughtBy: [2, 18],
  },
  {
    name: 'a primary that answers reads without the backup',
    implementation: localReads,
    caughtBy: [2, 1],
  },
  {
    name: 'a primary that acknowledges a view before its backup has the state',
    implementation: earlyAcknowledging,
    caughtBy: [2, 19],
  },
  {
    name: 'a backup that reinstalls a repeated state transfer',
    implementation: reinstallingBackup,
    caughtBy: [2, 20],
  },
  {
    name: 'a backup that executes forwards from a server that is not its primary',
    implementation: trustingBackup,
    caughtBy: [2, 18],
  },
  {
    name: "a view server that changes views without the primary's acknowledgement",
    implementation: impatient,
    caughtBy: [1, 8],
  },
];
