import { invariant, type Fingerprint, type Model, type Predicate } from '../../framework/engine.ts';
import {
  highOf,
  join,
  lowOf,
  RmState,
  split,
  TmState,
  TwoPhaseLayout,
  type TwoPhaseState,
} from './two-phase-state.ts';

/**
 * The TwoPhase commit protocol as Gray and Lamport specify it in TLA+ ("Consensus on
 * Transaction Commit"; tlaplus/Examples TwoPhase.tla), a plain state machine for the model
 * checker. A transaction manager (TM) commits only if every resource manager (RM) has
 * prepared; any RM may abort on its own while still working. Messages are a set that only
 * grows, so a message can be received any number of times.
 *
 * An event is `action * 16 + rm` (the RM is 0 for the TM's own actions).
 */
export type TwoPhaseEvent = number;

/** The spec's actions, as event codes (before the RM is added). */
export const TwoPhaseAction = {
  tmCommit: 0,
  tmAbort: 1,
  tmRcvPrepared: 2,
  rmPrepare: 3,
  rmChooseToAbort: 4,
  rmRcvCommitMsg: 5,
  rmRcvAbortMsg: 6,
} as const;
export type TwoPhaseAction = (typeof TwoPhaseAction)[keyof typeof TwoPhaseAction];

const ACTION_NAMES = [
  'TMCommit',
  'TMAbort',
  'TMRcvPrepared',
  'RMPrepare',
  'RMChooseToAbort',
  'RMRcvCommitMsg',
  'RMRcvAbortMsg',
];
const RM_BITS = 4;
const RM_FIELD = (1 << RM_BITS) - 1;

/** The event code of an action (by an RM, or concerning one). */
export function twoPhaseEvent(action: TwoPhaseAction, rm = 0): TwoPhaseEvent {
  return (action << RM_BITS) | rm;
}

/** The TwoPhase spec for `rmCount` resource managers. */
export class TwoPhaseModel implements Model<TwoPhaseState, TwoPhaseEvent> {
  readonly layout: TwoPhaseLayout;

  constructor(readonly rmCount: number) {
    this.layout = new TwoPhaseLayout(rmCount);
  }

  initialStates(): readonly TwoPhaseState[] {
    return [this.layout.initial];
  }

  events(state: TwoPhaseState): readonly TwoPhaseEvent[] {
    const { layout } = this;
    const high = highOf(state);
    const low = lowOf(state);
    const events: TwoPhaseEvent[] = [];
    const tmInit = layout.tmState(high) === TmState.init;
    if (tmInit && layout.allTmPrepared(low)) events.push(twoPhaseEvent(TwoPhaseAction.tmCommit));
    if (tmInit) events.push(twoPhaseEvent(TwoPhaseAction.tmAbort));
    const commitSent = layout.commitMessage(high);
    const abortSent = layout.abortMessage(high);
    for (let rm = 0; rm < this.rmCount; rm++) {
      if (tmInit && layout.preparedMessage(high, rm))
        events.push(twoPhaseEvent(TwoPhaseAction.tmRcvPrepared, rm));
      if (layout.rmState(low, rm) === RmState.working) {
        events.push(
          twoPhaseEvent(TwoPhaseAction.rmPrepare, rm),
          twoPhaseEvent(TwoPhaseAction.rmChooseToAbort, rm),
        );
      }
      if (commitSent) events.push(twoPhaseEvent(TwoPhaseAction.rmRcvCommitMsg, rm));
      if (abortSent) events.push(twoPhaseEvent(TwoPhaseAction.rmRcvAbortMsg, rm));
    }
    return events;
  }

  /** Applies an enabled event (as listed by `events`); the result for others is unspecified. */
  next(state: TwoPhaseState, event: TwoPhaseEvent): TwoPhaseState {
    const { layout } = this;
    const low = lowOf(state);
    const rm = event & RM_FIELD;
    const action = (event >>> RM_BITS) as TwoPhaseAction;
    switch (action) {
      // Most actions change only the low word, which is swapped without unpacking the high.
      case TwoPhaseAction.tmCommit:
        return join(layout.withDecision(highOf(state), 'committed'), low);
      case TwoPhaseAction.tmAbort:
        return join(layout.withDecision(highOf(state), 'aborted'), low);
      case TwoPhaseAction.tmRcvPrepared:
        return state - low + layout.withTmPrepared(low, rm);
      case TwoPhaseAction.rmPrepare:
        return join(
          layout.withPreparedMessage(highOf(state), rm),
          layout.withRmState(low, rm, RmState.prepared),
        );
      case TwoPhaseAction.rmChooseToAbort:
      case TwoPhaseAction.rmRcvAbortMsg:
        return state - low + layout.withRmState(low, rm, RmState.aborted);
      case TwoPhaseAction.rmRcvCommitMsg:
        return state - low + layout.withRmState(low, rm, RmState.committed);
    }
  }

  /** The packing itself: exact, so two distinct states never share a fingerprint. */
  fingerprint(state: TwoPhaseState): Fingerprint {
    return split(state);
  }

  describeEvent(event: TwoPhaseEvent): string {
    const action = event >>> RM_BITS;
    const name = ACTION_NAMES[action] ?? `Unknown${action}`;
    return action <= TwoPhaseAction.tmAbort ? name : `${name}(rm${event & RM_FIELD})`;
  }

  /** TCConsistent: no RM has committed while another has aborted. */
  readonly consistent: Predicate<TwoPhaseState> = invariant(
    'TCConsistent',
    (state) =>
      !this.layout.committedAndAborted(lowOf(state)) ||
      `an RM committed while another aborted: ${this.layout.describe(state)}`,
  );
}
