import type { Predicate } from '../search/predicate.ts';
import type { SystemModel } from '../system/system-model.ts';
import type { SystemState } from '../system/system-state.ts';

/**
 * How the visualizer's explore mode builds a lab's system for a student to step through by
 * hand (`tslabs viz --lab L --variant V --servers N --clients M --workload W`): the same nodes
 * as the lab's tests, on a search model, with the predicates worth watching. A lab with
 * variants (`Lab.variants`) is explored on one of them, chosen like a test's.
 */
export interface ExploreSetup {
  readonly servers: ExploreRange;
  readonly clients: ExploreRange;
  /** The workloads a client can run, each with what it does; the first is the default. */
  readonly workloads: readonly { readonly name: string; readonly description: string }[];
  /**
   * The lab's own options beyond servers, clients and workload (lab 4's groups, shard masters
   * and config script): each is a `tslabs viz` flag (`--NAME`) and a field of the page's form,
   * and reaches `build` in {@link ExploreOptions}' `counts` or `texts` under its name.
   */
  readonly options?: readonly ExploreOptionSpec[];
  build(options: ExploreOptions): ExploreSystem;
}

/** One of a lab's own explore options: a count in a range, or a line of text the lab checks. */
export type ExploreOptionSpec =
  | {
      readonly kind: 'count';
      /** Its flag without the dashes, and its key in `counts`: `groups`. */
      readonly name: string;
      readonly description: string;
      readonly range: ExploreRange;
    }
  | {
      readonly kind: 'text';
      /** Its flag without the dashes, and its key in `texts`: `config-script`. */
      readonly name: string;
      readonly description: string;
      readonly default: string;
      /**
       * What is wrong with `text`, in one line, or undefined when it is good; `counts` are the
       * other options' (a script may name only groups that exist).
       */
      problem(text: string, counts: Readonly<Record<string, number>>): string | undefined;
    };

/** An allowed count, with its default. */
export interface ExploreRange {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

export interface ExploreOptions {
  /**
   * The lab variant to build (one of the lab's `Lab.variants`, its default when none was
   * asked for), or left out for a lab without variants.
   */
  readonly variant?: string;
  readonly servers: number;
  readonly clients: number;
  readonly workload: string;
  readonly seed: number;
  /** The lab's own count options by name, each given or its default. */
  readonly counts: Readonly<Record<string, number>>;
  /** The lab's own text options by name, each given or its default. */
  readonly texts: Readonly<Record<string, string>>;
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

/**
 * The variants a lab has, as a `Lab` gives them (a `Lab` is one): explore options choose
 * among them as `tslabs test --variant` does.
 */
export interface LabVariants {
  readonly variants?: readonly string[];
  /** The variant used when none is asked for; the first of `variants` if not given. */
  readonly defaultVariant?: string;
}

/**
 * The options, with defaults filled in and each checked against the setup's ranges and the
 * lab's variants (`lab`: the lab whose setup it is; leave it out for a lab without variants).
 *
 * @example
 * ```ts
 * const options = exploreOptions(paxosLab.explore, { variant: 'basic' }, paxosLab);
 * const system = paxosLab.explore.build(options);
 * ```
 */
export function exploreOptions(
  setup: ExploreSetup,
  requested: ExploreRequested,
  lab: LabVariants = {},
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
  const specs = setup.options ?? [];
  for (const name of [
    ...Object.keys(requested.counts ?? {}),
    ...Object.keys(requested.texts ?? {}),
  ])
    if (!specs.some((spec) => spec.name === name))
      throw new ExploreOptionError(
        specs.length === 0
          ? `--${name} is not an option of this lab`
          : `--${name} is not an option of this lab; it has: ${specs.map((spec) => `--${spec.name}`).join(', ')}`,
      );
  const counts: Record<string, number> = {};
  for (const spec of specs)
    if (spec.kind === 'count')
      counts[spec.name] = count(`--${spec.name}`, spec.range, requested.counts?.[spec.name]);
  const texts: Record<string, string> = {};
  for (const spec of specs)
    if (spec.kind === 'text') {
      const text = requested.texts?.[spec.name] ?? spec.default;
      const problem = spec.problem(text, counts);
      if (problem !== undefined) throw new ExploreOptionError(`--${spec.name}: ${problem}`);
      texts[spec.name] = text;
    }
  const variant = exploreVariant(lab, requested.variant);
  return {
    ...(variant === undefined ? {} : { variant }),
    servers: count('--servers', setup.servers, requested.servers),
    clients: count('--clients', setup.clients, requested.clients),
    workload,
    seed: requested.seed ?? 0,
    counts,
    texts,
  };
}

/** The variant asked for, or the lab's default; one the lab does not have is refused. */
function exploreVariant(lab: LabVariants, requested: string | undefined): string | undefined {
  const variants = lab.variants ?? [];
  if (requested === undefined) return lab.defaultVariant ?? variants[0];
  if (!variants.includes(requested))
    throw new ExploreOptionError(
      variants.length === 0
        ? `this lab has no variants; got --variant ${requested}`
        : `unknown variant ${JSON.stringify(requested)}; this lab has: ${variants.join(', ')}`,
    );
  return requested;
}

/** The explore options someone asked for; what is left out takes the setup's default. */
export interface ExploreRequested {
  /** One of the lab's variants. */
  readonly variant?: string;
  readonly servers?: number;
  readonly clients?: number;
  readonly workload?: string;
  readonly seed?: number;
  /** The lab's own count options ({@link ExploreSetup.options}) by name. */
  readonly counts?: Readonly<Record<string, number>>;
  /** The lab's own text options by name. */
  readonly texts?: Readonly<Record<string, string>>;
}
