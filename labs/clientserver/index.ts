import type { Lab } from '../../framework/testing.ts';
import { clientServerExplore } from './explore.ts';
import { clientServerSwarm } from './swarm.ts';
import { clientServerTests } from './tests.ts';

/** Lab 1: an exactly-once key-value server. */
export const clientServerLab: Lab = {
  id: '1',
  name: 'clientserver',
  title: 'Exactly-once key-value store',
  tests: clientServerTests(),
  explore: clientServerExplore,
  swarm: clientServerSwarm(),
};
