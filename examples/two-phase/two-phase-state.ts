/**
 * The state of the TwoPhase commit spec, packed into one number so that a search holds no
 * object per state and fingerprints it without hashing.
 *
 * The low 32 bits hold each resource manager's state (two bits per RM) and the
 * transaction manager's `tmPrepared` set (one bit per RM); the high bits hold the message
 * set (a `Prepared` bit per RM, then `Commit` and `Abort`) and the TM's state. The state is
 * `high * 2^32 + low`, exact in a double for up to ten RMs.
 */
export type TwoPhaseState = number;

/** A resource manager's state, as its two-bit code. */
export const RmState = { working: 0, prepared: 1, committed: 2, aborted: 3 } as const;
export type RmState = (typeof RmState)[keyof typeof RmState];

/** The transaction manager's state, as its two-bit code. */
export const TmState = { init: 0, committed: 1, aborted: 2 } as const;
export type TmState = (typeof TmState)[keyof typeof TmState];

const RM_NAMES = ['working', 'prepared', 'committed', 'aborted'] as const;
const TM_NAMES = ['init', 'committed', 'aborted'] as const;
const WORD = 2 ** 32;
/** Ten RMs need 30 low bits and 14 high bits: 44 bits, under the 53 a double holds exactly. */
export const RM_COUNT_MAX = 10;

/** Reads and writes the fields of packed states for a given number of RMs. */
export class TwoPhaseLayout {
  /** The low-word bits of all RM states. */
  readonly rmStatesMask: number;
  /** The lower bit of each RM's two-bit state. */
  private readonly rmLowerBits: number;
  private readonly tmStateShift: number;
  private readonly commitMessageBit: number;
  private readonly abortMessageBit: number;
  /** All RMs working, the TM in init, no message sent: packs to 0. */
  readonly initial: TwoPhaseState = 0;

  constructor(readonly rmCount: number) {
    if (!(Number.isInteger(rmCount) && rmCount >= 1 && rmCount <= RM_COUNT_MAX)) {
      throw new RangeError(
        `TwoPhase: between 1 and ${RM_COUNT_MAX} resource managers, not ${rmCount}`,
      );
    }
    this.rmStatesMask = 2 ** (2 * rmCount) - 1;
    this.rmLowerBits = 0x55555 & this.rmStatesMask;
    this.tmStateShift = rmCount;
    this.commitMessageBit = 1 << (rmCount + 2);
    this.abortMessageBit = 1 << (rmCount + 3);
  }

  rmState(low: number, rm: number): RmState {
    return ((low >>> (2 * rm)) & 3) as RmState;
  }

  /** The low word with one RM's state replaced. */
  withRmState(low: number, rm: number, value: RmState): number {
    return ((low & ~(3 << (2 * rm))) | (value << (2 * rm))) >>> 0;
  }

  /** Whether some RM has committed and another aborted (codes 10 and 11 in binary). */
  committedAndAborted(low: number): boolean {
    const upper = (low >>> 1) & this.rmLowerBits;
    const lower = low & this.rmLowerBits;
    return (upper & ~lower) !== 0 && (upper & lower) !== 0;
  }

  tmPrepared(low: number, rm: number): boolean {
    return ((low >>> (2 * this.rmCount + rm)) & 1) === 1;
  }

  withTmPrepared(low: number, rm: number): number {
    return (low | (1 << (2 * this.rmCount + rm))) >>> 0;
  }

  /** Whether every RM is in `tmPrepared`. */
  allTmPrepared(low: number): boolean {
    return low >>> (2 * this.rmCount) === 2 ** this.rmCount - 1;
  }

  preparedMessage(high: number, rm: number): boolean {
    return ((high >>> rm) & 1) === 1;
  }

  withPreparedMessage(high: number, rm: number): number {
    return high | (1 << rm);
  }

  tmState(high: number): TmState {
    return ((high >>> this.tmStateShift) & 3) as TmState;
  }

  /** The high word after the TM decides: its new state, and the message announcing it. */
  withDecision(high: number, decision: 'committed' | 'aborted'): number {
    const message = decision === 'committed' ? this.commitMessageBit : this.abortMessageBit;
    return high | (TmState[decision] << this.tmStateShift) | message;
  }

  commitMessage(high: number): boolean {
    return (high & this.commitMessageBit) !== 0;
  }

  abortMessage(high: number): boolean {
    return (high & this.abortMessageBit) !== 0;
  }

  /** A readable rendering, in the spec's terms. */
  describe(state: TwoPhaseState): string {
    const { high, low } = split(state);
    const rms = Array.from({ length: this.rmCount }, (_, rm) => RM_NAMES[this.rmState(low, rm)]);
    const prepared = Array.from({ length: this.rmCount }, (_, rm) => rm).filter((rm) =>
      this.tmPrepared(low, rm),
    );
    const messages = Array.from({ length: this.rmCount }, (_, rm) => rm)
      .filter((rm) => this.preparedMessage(high, rm))
      .map((rm) => `Prepared(${rm})`);
    if (this.commitMessage(high)) messages.push('Commit');
    if (this.abortMessage(high)) messages.push('Abort');
    const tm = TM_NAMES[this.tmState(high)] ?? 'invalid';
    return `rmState=[${rms.join(',')}] tmState=${tm} tmPrepared={${prepared.join(',')}} msgs={${messages.join(',')}}`;
  }
}

/** The low 32 bits of a packed state: RM states and `tmPrepared`. */
export function lowOf(state: TwoPhaseState): number {
  return state >>> 0;
}

/** The high bits of a packed state: messages and the TM's state. */
export function highOf(state: TwoPhaseState): number {
  return (state - (state >>> 0)) / WORD;
}

/** The two words of a packed state. */
export function split(state: TwoPhaseState): { high: number; low: number } {
  return { high: highOf(state), low: lowOf(state) };
}

/** Packs two words back into a state. */
export function join(high: number, low: number): TwoPhaseState {
  return high * WORD + low;
}
