/** A check in a test did not hold. The message says which client, command, expected and got. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';

  constructor(
    message: string,
    /** Where the failure was observed, when the check knows: the visualizer opens there. */
    readonly at?: FailureLocation,
  ) {
    super(message);
  }
}

/** Where in a run a check saw its failure: the client that received the wrong result, and when. */
export interface FailureLocation {
  readonly client: string;
  readonly timeMicros: number;
}
