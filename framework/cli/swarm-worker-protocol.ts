/** What a swarm thread is started with: where the labs are, which lab, and its seeds. */
export interface SwarmWorkerSetup {
  readonly labsModule: string;
  readonly lab: string;
  readonly seeds: readonly number[];
}
