import type { Lab } from '../framework/testing.ts';
import { clientServerLab } from './clientserver/index.ts';
import { paxosLab } from './paxos/index.ts';
import { primaryBackupLab } from './primarybackup/index.ts';
import { pingPongLab } from './pingpong/index.ts';
import { raftLab } from './raft/index.ts';
import { shardedStoreLab } from './shardstore/index.ts';
import { withTransactions } from './transactions/index.ts';

/** Every lab of the course, in order: the registry `bin/tslabs.js` hands the command line. */
export const labs: readonly Lab[] = [
  pingPongLab,
  clientServerLab,
  primaryBackupLab,
  paxosLab,
  withTransactions(shardedStoreLab),
  raftLab,
];
