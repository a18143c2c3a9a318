import type { Fingerprint, Model } from '../../framework/search/index.ts';
import type { TwoPhaseEvent, TwoPhaseModel } from '../../examples/two-phase/two-phase-model.ts';
import {
  join,
  RmState,
  split,
  type TwoPhaseState,
} from '../../examples/two-phase/two-phase-state.ts';

/** An action the spec does not have: a prepared RM commits without waiting for the TM. */
const RM_COMMITS_ALONE = 7;

/**
 * A deliberately broken TwoPhase: a prepared RM may commit on its own. The checker must
 * find that another RM can meanwhile abort, violating TCConsistent.
 */
export class RmCommitsAloneModel implements Model<TwoPhaseState, TwoPhaseEvent> {
  constructor(private readonly correct: TwoPhaseModel) {}

  initialStates(): readonly TwoPhaseState[] {
    return this.correct.initialStates();
  }

  events(state: TwoPhaseState): readonly TwoPhaseEvent[] {
    const events = [...this.correct.events(state)];
    const { low } = split(state);
    for (let rm = 0; rm < this.correct.rmCount; rm++) {
      if (this.correct.layout.rmState(low, rm) === RmState.prepared)
        events.push((RM_COMMITS_ALONE << 4) | rm);
    }
    return events;
  }

  next(state: TwoPhaseState, event: TwoPhaseEvent): TwoPhaseState {
    if (event >>> 4 !== RM_COMMITS_ALONE) return this.correct.next(state, event);
    const { high, low } = split(state);
    return join(high, this.correct.layout.withRmState(low, event & 15, RmState.committed));
  }

  fingerprint(state: TwoPhaseState): Fingerprint {
    return this.correct.fingerprint(state);
  }

  describeEvent(event: TwoPhaseEvent): string {
    return event >>> 4 === RM_COMMITS_ALONE
      ? `RMCommitAlone(rm${event & 15})`
      : this.correct.describeEvent(event);
  }
}
