import type { Lab } from './lab-test.ts';

/**
 * The labs an application serves (the `tslabs` command, the visualizer's page), handed to it
 * from above: the course's bundled labs today, labs a user's config registers later.
 *
 * Test threads and the visualizer's page run in contexts of their own (a worker thread, a
 * browser), so they load the labs again from `moduleUrl` rather than receive the objects.
 */
export interface LabRegistry {
  /** Every lab, in the order `tslabs list` shows them. */
  readonly labs: readonly Lab[];
  /** URL (`file:` in Node) of an ES module whose `labs` export is the same labs. */
  readonly moduleUrl: string;
}

/**
 * The lab with this number (`1`) or folder name (`clientserver`), if any.
 *
 * @example
 * ```ts
 * const lab = findLab(registry.labs, '3'); // the Paxos lab, by number
 * ```
 */
export function findLab(labs: readonly Lab[], idOrName: string): Lab | undefined {
  return labs.find((lab) => lab.id === idOrName || lab.name === idOrName);
}

/** The labs a registry has, as a usage message lists them: `0 (pingpong), 1 (clientserver)`. */
export function labList(labs: readonly Lab[]): string {
  return labs.map((known) => `${known.id} (${known.name})`).join(', ');
}
