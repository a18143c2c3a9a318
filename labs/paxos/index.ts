import type { Lab } from '../../framework/testing.ts';
import { paxosExplore } from './explore.ts';
import { paxosTests } from './tests/index.ts';
import { PAXOS_VARIANTS } from './variant.ts';

/** Lab 3: Paxos, basic and optimized (Multi-Paxos), replicating the key-value store. */
export const paxosLab: Lab = {
  id: '3',
  name: 'paxos',
  title: 'Paxos',
  variants: PAXOS_VARIANTS,
  defaultVariant: 'optimized',
  tests: paxosTests(),
  explore: paxosExplore,
  studentFiles: [
    'paxos-server.ts',
    'basic-leader.ts',
    'optimized-leader.ts',
    'leader-strategy.ts',
    'paxos-client.ts',
    'messages.ts',
    'timers.ts',
    'ballot.ts',
    'log-entry.ts',
    'role.ts',
  ].map((file) => `labs/paxos/${file}`),
};
