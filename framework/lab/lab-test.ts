import type { SearchProgress } from '../search/search-options.ts';
import type { ExploreSetup } from './explore-setup.ts';
import type { StateSummary } from './state-summary.ts';
import type { FaultProfile } from './fault-profile.ts';
import type { NetworkSettings } from '../sim/network-settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { CheckFailure, type FailureLocation } from './check-failure.ts';
import { describeException } from './exception-text.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';
import { RecordedPathError } from './recorded-path-error.ts';
import { replaySearchPhase } from './replay-search-phase.ts';
import { runSearchPhase, searchReport } from './run-search-phase.ts';
import type { LabSearchResult, SearchRequest } from './search-phase.ts';
import type { ParallelSearches } from './parallel-searches.ts';
import type { SearchReport } from './search-report.ts';

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
  /**
   * Wall-clock seconds the runner allows this test before failing it as timed out (so a
   * handler that loops forever cannot hang a grader); default {@link testTimeLimitS}'s.
   */
  readonly timeLimitS?: number;
  run(context: TestContext): void;
}

/** A lab test's definition that cannot be graded: a number that is not one, no description. */
export class LabTestDefinitionError extends Error {
  override readonly name = 'LabTestDefinitionError';
}

/**
 * A numbered lab test, the one form every lab writes its tests in: part and number (shown
 * as `part.number`, as in `tslabs test --test 2.3`), points, kind, description and body,
 * each named. Throws {@link LabTestDefinitionError} for a part or number that is not a
 * positive integer, points that are not a non-negative number, or an empty description.
 *
 * @example
 * labTest({
 *   part: 1,
 *   number: 2,
 *   points: 5,
 *   kind: 'run',
 *   description: 'Put then get returns the value',
 *   run(context) {
 *     const simulation = context.simulation();
 *     // … add nodes, run, check
 *   },
 * });
 */
export function labTest(definition: LabTest): LabTest {
  const { part, number, points, description } = definition;
  const where = `lab test ${part}.${number}`;
  if (!Number.isInteger(part) || part < 1)
    throw new LabTestDefinitionError(`${where}: the part must be a positive integer`);
  if (!Number.isInteger(number) || number < 1)
    throw new LabTestDefinitionError(`${where}: the number must be a positive integer`);
  if (!Number.isFinite(points) || points < 0)
    throw new LabTestDefinitionError(`${where}: points must be a number of at least 0`);
  if (description.trim() === '')
    throw new LabTestDefinitionError(`${where}: the description is empty`);
  return definition;
}

/** A run test's default time limit: its simulated run should take well under a second. */
export const RUN_TEST_TIME_LIMIT_S = 60;
/**
 * A search test's default time limit: room for several phases of their own (default 10 s) time
 * budgets.
 */
export const SEARCH_TEST_TIME_LIMIT_S = 180;

/** The wall-clock seconds a runner allows `test`: its own limit, or its kind's default. */
export function testTimeLimitS(test: LabTest): number {
  return (
    test.timeLimitS ?? (test.kind === 'run' ? RUN_TEST_TIME_LIMIT_S : SEARCH_TEST_TIME_LIMIT_S)
  );
}

/** What a test body gets from the runner. */
export interface TestContext {
  /** The seed of this execution: every random choice of the test derives from it. */
  readonly seed: number;
  /** The lab variant being tested (e.g. `basic` or `optimized`), if the lab has variants. */
  readonly variant: string | undefined;
  /**
   * Creates a simulation seeded by the test's seed, watched by the runner (for traces and logs).
   */
  simulation(network?: Partial<NetworkSettings>): Simulation;
  /**
   * Runs one phase of a search test (see {@link SearchRequest}); the runner reports it,
   * shows its progress and saves its finding with --save-traces.
   */
  search<State, Event>(request: SearchRequest<State, Event>): LabSearchResult<State, Event>;
  /**
   * A figure or remark worth showing with the test's result (the runner prints it under the test).
   */
  note(text: string): void;
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
  /** Titles of the lab's parts by part number, which `tslabs list` shows above their tests. */
  readonly parts?: Readonly<Record<number, string>>;
  /** How the visualizer's explore mode builds this lab's system (`tslabs viz --lab L`). */
  readonly explore?: ExploreSetup;
  /**
   * The files a student edits, from the repository root (`labs/paxos/paxos-server.ts`), as the
   * lab's README lists them; the rest of the lab (its tests, checks and interfaces) is given.
   */
  readonly studentFiles?: readonly string[];
  /**
   * The one-glance view of the system at each step that the visualizer shows above the node
   * states (lab 4: which group owns which shard); see {@link StateSummary}.
   */
  readonly summary?: StateSummary;
  /** The lab's scenario for `tslabs swarm`: one run under a seed's fault profile. */
  readonly swarm?: SwarmScenario;
}

/**
 * A lab's scenario for `tslabs swarm`: one run of its protocol in simulated time under a
 * seed's {@link FaultProfile}, which throws `CheckFailure` (through the run checks) when an
 * invariant or a history check fails at the end. The scenario builds the system and applies
 * the profile with `runWithFaults`; it leaves out the faults its protocol does not claim
 * to survive (a crash where no state is persistent).
 */
export interface SwarmScenario {
  readonly description: string;
  run(context: TestContext, profile: FaultProfile): void;
}

/** Options of one execution of a test by a runner. */
export interface TestExecutionOptions {
  readonly seed: number;
  readonly variant?: string;
  readonly recordEvents?: boolean;
  readonly onEvent?: (event: SimulationEvent) => void;
  /**
   * Called after each handled event of every simulation the test creates (the visualizer's
   * snapshots).
   */
  readonly afterEvent?: (event: SimulationEvent, simulation: Simulation) => void;
  /**
   * A wall clock in ms, for search time limits and the time figures (the framework has none of its
   * own).
   */
  readonly now?: () => number;
  /** Called while a search runs, for the CLI's progress line. */
  readonly onSearchProgress?: (description: string, progress: SearchProgress) => void;
  /**
   * Replay mode: the searches recorded in a trace. A phase whose recorded outcome is a
   * finding replays its path instead of searching; the others search again.
   */
  readonly replaySearches?: readonly SearchReport[];
  /**
   * Run the `--checks` self-tests (determinism, idempotence, stable encodings) in every search of a
   * node system.
   */
  readonly checks?: boolean;
  /** Replay mode: receives each replayed event, described. */
  readonly onReplayStep?: (line: string) => void;
  /**
   * Every search ends as "memory exhausted" past this many bytes, rather than let the process die
   * of it.
   */
  readonly memoryLimitBytes?: number;
  /**
   * The process's memory in use, for the memory limit (the CLI passes V8's heap and array buffers).
   */
  readonly memoryBytes?: () => number;
  /** `--workers N`: the runner's threads, for the searches that can use them. */
  readonly parallelSearches?: ParallelSearches;
}

/** How one execution of a test ended. */
export interface TestExecution {
  readonly passed: boolean;
  readonly failure?: string;
  readonly events: readonly (readonly SimulationEvent[])[];
  /** The addresses of each simulation's nodes when the test ended (for a trace's setup). */
  readonly nodes: readonly (readonly string[])[];
  readonly searches: readonly SearchReport[];
  /** What the test asked to show with its result. */
  readonly notes: readonly string[];
  /** Where the failing check saw its failure, if it says. */
  readonly failureAt?: FailureLocation;
}

/** Runs a test once, catching its failure. */
export function executeTest(test: LabTest, options: TestExecutionOptions): TestExecution {
  const simulations: Simulation[] = [];
  const searches: SearchReport[] = [];
  const notes: string[] = [];
  const context: TestContext = {
    seed: options.seed,
    variant: options.variant,
    simulation: (network) => {
      const simulation = new Simulation({
        seed: options.seed,
        // The test's seed with a stream per simulation: "seed + index" made a test's second run
        // another seed's first.
        stream: `simulation ${simulations.length + 1}`,
        network,
        recordEvents: options.recordEvents ?? false,
        onEvent: options.onEvent,
        afterEvent: options.afterEvent,
      });
      simulations.push(simulation);
      return simulation;
    },
    search: (request) => {
      const recorded = options.replaySearches?.[searches.length];
      const replayed =
        recorded !== undefined && recorded.path.length > 0
          ? replaySearchPhase(
              request,
              recorded,
              searches.length + 1,
              options.onReplayStep ?? (() => undefined),
            )
          : undefined;
      const result =
        replayed ??
        runSearchPhase(request, {
          now: options.now,
          onProgress: options.onSearchProgress,
          seed: options.seed,
          checks: options.checks ?? false,
          ...(options.memoryLimitBytes === undefined
            ? {}
            : { memoryLimitBytes: options.memoryLimitBytes }),
          ...(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes }),
          ...(options.parallelSearches === undefined
            ? {}
            : {
                parallel: {
                  searches: options.parallelSearches,
                  position: { index: searches.length, earlier: [...searches] },
                },
              }),
        });
      searches.push(searchReport(result));
      return result;
    },
    note: (text) => notes.push(text),
  };
  let failure: string | undefined;
  let failureAt: FailureLocation | undefined;
  try {
    test.run(context);
  } catch (error) {
    // A trace that cannot be of this test is the caller's to refuse, not the test's failure.
    if (error instanceof RecordedPathError) throw error;
    failure = error instanceof CheckFailure ? error.message : describeException(error);
    if (error instanceof CheckFailure) failureAt = error.at;
  }
  const events = simulations.map((simulation) => simulation.events);
  const nodes = simulations.map((simulation) => simulation.addresses());
  if (failure === undefined) return { passed: true, events, nodes, searches, notes };
  return {
    passed: false,
    failure,
    events,
    nodes,
    searches,
    notes,
    ...(failureAt === undefined ? {} : { failureAt }),
  };
}
