import type { NetworkSettings } from '../sim/network-settings.ts';
import { Simulation } from '../sim/simulation.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';

/**
 * A numbered lab test, defined once and run by both the tslabs command and vitest. A run
 * test drives a simulation from a seed and throws {@link CheckFailure} when a check fails;
 * a search test explores the state space (its body does the same through the search API).
 */
export interface LabTest {
  readonly number: number;
  readonly part: number;
  readonly description: string;
  readonly points: number;
  readonly kind: 'run' | 'search';
  run(context: TestContext): void;
}

/** What a test body gets from the runner. */
export interface TestContext {
  /** The seed of this execution: every random choice of the test derives from it. */
  readonly seed: number;
  /** The lab variant being tested (e.g. `basic` or `optimized`), if the lab has variants. */
  readonly variant: string | undefined;
  /** Creates a simulation seeded by the test's seed, watched by the runner (for traces and logs). */
  simulation(network?: Partial<NetworkSettings>): Simulation;
  /** Records a search result for the runner to report and save as a trace. */
  reportSearch?(summary: SearchReport): void;
}

/** The part of a search result that the runner prints and saves. */
export interface SearchReport {
  readonly description: string;
  readonly outcome: string;
  readonly states: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly trace?: unknown;
}

/** A check in a test did not hold. The message says which client, command, expected and got. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

/** A lab: its number, its name, its variants and its numbered tests. */
export interface Lab {
  /** The lab's number as students know it (`0`, `1`, `3`). */
  readonly id: string;
  /** The folder name, accepted as well: `pingpong`, `clientserver`. */
  readonly name: string;
  readonly title: string;
  readonly variants?: readonly string[];
  readonly defaultVariant?: string;
  readonly tests: readonly LabTest[];
}

/** Options of one execution of a test by a runner. */
export interface TestExecutionOptions {
  readonly seed: number;
  readonly variant?: string;
  readonly recordEvents?: boolean;
  readonly onEvent?: (event: SimulationEvent) => void;
}

/** How one execution of a test ended. */
export interface TestExecution {
  readonly passed: boolean;
  readonly failure?: string;
  readonly events: readonly (readonly SimulationEvent[])[];
  readonly searches: readonly SearchReport[];
}

/** Runs a test once, catching its failure. */
export function executeTest(test: LabTest, options: TestExecutionOptions): TestExecution {
  const simulations: Simulation[] = [];
  const searches: SearchReport[] = [];
  const context: TestContext = {
    seed: options.seed,
    variant: options.variant,
    simulation: (network) => {
      const simulation = new Simulation({
        seed: options.seed + simulations.length,
        network,
        recordEvents: options.recordEvents ?? false,
        onEvent: options.onEvent,
      });
      simulations.push(simulation);
      return simulation;
    },
    reportSearch: (summary) => searches.push(summary),
  };
  let failure: string | undefined;
  try {
    test.run(context);
  } catch (error) {
    failure = error instanceof CheckFailure ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const events = simulations.map((simulation) => simulation.events);
  return failure === undefined ? { passed: true, events, searches } : { passed: false, failure, events, searches };
}
