import type { Predicate } from '../search/predicate.ts';
import type { SystemModel } from '../system/system-model.ts';
import type { SystemState } from '../system/system-state.ts';

/**
 * How the visualizer's explore mode builds a lab's system for a student to step through by
 * hand (`tslabs viz --lab L --servers N --clients M --workload W`): the same nodes as the
 * lab's tests, on a search model, with the predicates worth watching.
 */
export interface ExploreSetup {
  readonly servers: ExploreRange;
  readonly clients: ExploreRange;
  /** The workloads a client can run, each with what it does; the first is the default. */
  readonly workloads: readonly { readonly name: string; readonly description: string }[];
  build(options: ExploreOptions): ExploreSystem;
}

/** An allowed count, with its default. */
export interface ExploreRange {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

export interface ExploreOptions {
  readonly servers: number;
  readonly clients: number;
  readonly workload: string;
  readonly seed: number;
}

/** A system to explore: its model (with any delivery restrictions) and its predicates. */
export interface ExploreSystem {
  readonly model: SystemModel;
  readonly predicates: readonly Predicate<SystemState>[];
  readonly description: string;
}

/** Explore options outside what the lab allows. */
export class ExploreOptionError extends Error {
  override readonly name = 'ExploreOptionError';
}

/** The options, with defaults filled in and each checked against the setup's ranges. */
export function exploreOptions(
  setup: ExploreSetup,
  requested: { servers?: number; clients?: number; workload?: string; seed?: number },
): ExploreOptions {
  const count = (what: string, range: ExploreRange, value: number | undefined): number => {
    const chosen = value ?? range.default;
    if (!Number.isInteger(chosen) || chosen < range.min || chosen > range.max) {
      throw new ExploreOptionError(
        `${what} must be ${range.min === range.max ? `exactly ${range.min}` : `from ${range.min} to ${range.max}`} for this lab; got ${chosen}`,
      );
    }
    return chosen;
  };
  const workload = requested.workload ?? setup.workloads[0]?.name ?? '';
  if (!setup.workloads.some((known) => known.name === workload)) {
    throw new ExploreOptionError(
      `unknown workload ${JSON.stringify(workload)}; this lab has: ${setup.workloads.map((known) => known.name).join(', ')}`,
    );
  }
  return {
    servers: count('--servers', setup.servers, requested.servers),
    clients: count('--clients', setup.clients, requested.clients),
    workload,
    seed: requested.seed ?? 0,
  };
}
