import type { Lab } from '../../framework/testing.ts';
import { pingPongExplore } from './explore.ts';
import { pingPongTests } from './tests.ts';

/** Lab 0: ping-pong. */
export const pingPongLab: Lab = {
  id: '0',
  name: 'pingpong',
  title: 'Ping-pong',
  tests: pingPongTests,
  explore: pingPongExplore,
};
