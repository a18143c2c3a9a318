/** Where explore mode starts: a lab's explore setup, or a search phase of a lab test (and a path into it). */
export type ExploreRequest =
  | { readonly kind: 'lab'; readonly lab: string; readonly servers?: number; readonly clients?: number; readonly workload?: string; readonly seed?: number }
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
