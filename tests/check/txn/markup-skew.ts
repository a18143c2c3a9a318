import type { TxnEvent } from '../../../framework/check/index.ts';
import { history } from './txn-history-builder.ts';

const SCRIPT = '<script>alert(1)</script>';

/** A read skew (G-single) whose appended value is markup. */
export const MARKUP_SKEW: TxnEvent[] = history((h) =>
  h
    .invoke(0, [
      ['append', 'x', SCRIPT],
      ['append', 'y', 1],
    ])
    .invoke(1, [
      ['r', 'x', null],
      ['r', 'y', null],
    ])
    .complete(0, 'ok')
    .complete(1, 'ok', [
      ['r', 'x', []],
      ['r', 'y', [1]],
    ])
    .txn(2, [['r', 'x', [SCRIPT]]]),
);
