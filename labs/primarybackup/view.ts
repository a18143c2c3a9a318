import type { Address } from '../../framework/index.ts';

/**
 * Who serves in one view: the primary, which answers clients, and the backup, which holds a copy
 * of the primary's state (null: none). Views are numbered; a greater number is a later view.
 */
export interface View {
  readonly viewNum: number;
  readonly primary: Address | null;
  readonly backup: Address | null;
}

/** The number of the view before any server has pinged. */
export const STARTUP_VIEWNUM = 0;
/** The number of the first view with a primary. */
export const INITIAL_VIEWNUM = 1;

/** The view before any server has pinged: no primary, no backup. */
export const STARTUP_VIEW: View = { viewNum: STARTUP_VIEWNUM, primary: null, backup: null };

/** A view, for failure messages: `view 2 (server1, server2)`. */
export function describeView(view: View): string {
  return `view ${view.viewNum} (${view.primary ?? 'no primary'}, ${view.backup ?? 'no backup'})`;
}
