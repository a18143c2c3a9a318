import type { ExploreRequested } from '../../framework/testing.ts';

/**
 * Where explore mode starts: a lab's explore setup, a search phase of a lab test (and a
 * path into it), or a step of one of a run test's simulations.
 */
export type ExploreRequest =
  | {
      readonly kind: 'run';
      readonly lab: string;
      readonly variant?: string;
      readonly part: number;
      readonly test: number;
      readonly seed: number;
      /** The simulation (0 = the first the test creates). */
      readonly simulation: number;
      readonly position: number;
    }
  | ({ readonly kind: 'lab'; readonly lab: string } & ExploreRequested)
  | {
      readonly kind: 'test';
      readonly lab: string;
      readonly variant?: string;
      readonly part: number;
      readonly test: number;
      readonly seed: number;
      /** The search phase (0 = the test's first `search` call). */
      readonly phase: number;
      /** Events to take from the phase's start, by their descriptions (a trace's steps). */
      readonly path?: readonly string[];
    };
