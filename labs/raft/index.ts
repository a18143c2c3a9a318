import type { Lab } from '../../framework/testing.ts';
import { raftExplore } from './explore.ts';
import { raftStateSummary } from './raft-summary.ts';
import { raftTests } from './tests/index.ts';

/** Lab 5: Raft, replicating the key-value store, with MIT 6.5840's Raft tests. */
export const raftLab: Lab = {
  id: '5',
  name: 'raft',
  title: 'Raft',
  tests: raftTests(),
  explore: raftExplore,
  summary: raftStateSummary,
  studentFiles: ['labs/raft/raft-peer.ts', 'labs/raft/raft-replica.ts', 'labs/raft/raft-server.ts'],
};
