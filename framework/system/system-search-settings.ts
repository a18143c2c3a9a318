import type { Address } from '../core/address.ts';
import type { ConnectivitySettings } from '../core/connectivity.ts';

/**
 * Restrictions on which events a search may take, as DSLabs's search settings: with the
 * network inactive no message is delivered; timers can be switched off; nodes and links can
 * be made inactive, or a partition can let only nodes of one group talk (`partition` and
 * `inactiveLinks`, the same model as a run's network: {@link ConnectivitySettings}).
 */
export interface SystemSearchSettings extends ConnectivitySettings {
  /** Deliver messages at all (default true). */
  readonly networkActive?: boolean;
  /** Fire timers (default true). */
  readonly deliverTimers?: boolean;
  /** Nodes that receive nothing: no messages, no timers. */
  readonly inactiveNodes?: readonly Address[];
  /**
   * Nodes whose timers do not fire, though they still receive messages (as DSLabs's
   * per-node `deliverTimers`): a phase that needs one server's election leaves the
   * others' timers out, and the search explores far fewer orders.
   */
  readonly timersOff?: readonly Address[];
  /**
   * Crashes the search may take: any of `nodes` may crash and restart (an event, as a
   * delivery or a timer is), keeping only its declared persistent fields, at most `max`
   * times along a path in all.
   */
  readonly crashes?: { readonly nodes: readonly Address[]; readonly max: number };
  /** Run the `--checks` self-tests on every new transition (slower). */
  readonly checks?: boolean;
}
