import type { Address } from './address.ts';

/** A partition and cut links, as settings: what a search is restricted by, or a run is now. */
export interface ConnectivitySettings {
  /**
   * Groups of root addresses (servers and clients alike): a message goes only within a group; a
   * node in no group reaches no one else.
   */
  readonly partition?: readonly (readonly Address[])[];
  /** One-way links `[from, to]` (root addresses) that carry nothing. */
  readonly inactiveLinks?: readonly (readonly [Address, Address])[];
}

/**
 * Which nodes can reach which: a partition into groups, and one-way links cut on top of it. The
 * one model of both the simulator's network (changed as a run goes on) and a search's settings
 * (fixed for a phase), so that a partition means the same in run and search mode. A partition
 * never separates a node from itself (its sub-nodes talk to each other); a cut link can.
 */
export class Connectivity {
  private groupOf: Map<Address, number> | undefined;
  private groups: readonly (readonly Address[])[] | undefined;
  private readonly cutLinks = new Map<string, readonly [Address, Address]>();

  /** The connectivity that settings describe. */
  static of(settings: ConnectivitySettings): Connectivity {
    const connectivity = new Connectivity();
    if (settings.partition !== undefined) connectivity.partition(settings.partition);
    for (const [from, to] of settings.inactiveLinks ?? []) connectivity.setLink(from, to, false);
    return connectivity;
  }

  /** Whether anything is cut at all (the common case, no, is checked first and cheaply). */
  get restricted(): boolean {
    return this.groupOf !== undefined || this.cutLinks.size > 0;
  }

  /** Lets only nodes of the same group talk, from now on; replaces any partition and cut links. */
  partition(groups: readonly (readonly Address[])[]): void {
    const groupOf = new Map<Address, number>();
    groups.forEach((group, index) => group.forEach((member) => groupOf.set(member, index)));
    this.groupOf = groupOf;
    this.groups = groups.map((group) => [...group]);
    this.cutLinks.clear();
  }

  /** Restores every link: no partition, no cut link. */
  heal(): void {
    this.groupOf = undefined;
    this.groups = undefined;
    this.cutLinks.clear();
  }

  /** Cuts or restores the one-way link from `from` to `to`. Returns whether that changed it. */
  setLink(from: Address, to: Address, active: boolean): boolean {
    const key = linkKey(from, to);
    if (active === !this.cutLinks.has(key)) return false;
    if (active) this.cutLinks.delete(key);
    else this.cutLinks.set(key, [from, to]);
    return true;
  }

  /** Whether a message from one root address reaches another. */
  allows(from: Address, to: Address): boolean {
    const groupOf = this.groupOf;
    if (groupOf !== undefined && from !== to) {
      const group = groupOf.get(from);
      if (group === undefined || group !== groupOf.get(to)) return false;
    }
    return this.cutLinks.size === 0 || !this.cutLinks.has(linkKey(from, to));
  }

  /** The partition and cut links now, as settings (a search from this point keeps them). */
  settings(): ConnectivitySettings {
    const inactiveLinks = [...this.cutLinks.values()];
    return {
      ...(this.groups === undefined ? {} : { partition: this.groups }),
      ...(inactiveLinks.length === 0 ? {} : { inactiveLinks }),
    };
  }
}

function linkKey(from: Address, to: Address): string {
  return `${from}>${to}`;
}
