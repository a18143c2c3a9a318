import type { Address } from './address.ts';
import type { ClientNode } from './client.ts';
import { currentEffects } from './effects.ts';
import { deepFreeze, type Command, type Message, type Result, type Timer } from './message.ts';
import { dispatchMessage, dispatchTimer, Node } from './node.ts';
import { firstNumbers, seededRandom, type RandomSource } from './random.ts';
import {
  substitute,
  templateAt,
  workloadSize,
  type SubstitutionContext,
  type Workload,
} from './workload.ts';

/**
 * Drives a client through a workload: it submits the next command as soon as the previous
 * one has its result, and keeps the results (for finite workloads) so that checks and
 * search invariants can compare them with the expected ones. It shares its client's
 * address: every message and timer for the client passes through it.
 *
 * Invocation and response times are not state (two runs reaching the same state at
 * different times are the same state); they are reported to the engine's history log.
 */
export class ClientWorker extends Node {
  /** Index of the next command to submit. */
  private nextIndex = 0;
  private waiting = false;
  /** Results received so far (finite workloads only: infinite ones only count). */
  readonly results: Result[] = [];
  private resultCount = 0;
  /** The command in flight, kept for the history and for failure messages. */
  private pending: Command | undefined = undefined;

  constructor(
    readonly client: ClientNode,
    readonly workload: Workload,
    /** Seeds the `%r` substitutions: the run's seed, so they differ between seeds. */
    private readonly seed: number = 0,
    /**
     * The stream of the seed the `%r` substitutions draw from: that of the run, so two runs of one
     * test differ.
     */
    private readonly stream: string = 'workload',
  ) {
    super(client.address);
  }

  override init(): void {
    this.client.init();
    this.submitNext();
  }

  /** Delivers a message to the client, then submits the next command if a result arrived. */
  override receiveMessage(destination: Address, message: Message, sender: Address): void {
    dispatchMessage(this.client, destination, message, sender);
    this.collectResult();
  }

  /** Fires a timer of the client, then submits the next command if a result arrived. */
  override receiveTimer(destination: Address, timer: Timer): void {
    dispatchTimer(this.client, destination, timer);
    this.collectResult();
  }

  /** Whether every command has its result (never, for an infinite workload). */
  isDone(): boolean {
    return !this.waiting && this.nextIndex >= workloadSize(this.workload);
  }

  /** How many results have arrived. */
  get completed(): number {
    return this.resultCount;
  }

  /** The command in flight, if any. */
  get pendingCommand(): Command | undefined {
    return this.waiting ? this.pending : undefined;
  }

  /** Whether the workload says what each result must be. */
  get expectsResults(): boolean {
    return this.workload.expectedResults !== undefined;
  }

  /** The expected result of command `index`, with substitutions, if the workload has them. */
  expectedResult(index: number): Result | undefined {
    const expected = this.workload.expectedResults;
    if (expected === undefined) return undefined;
    return substitute(templateAt(expected, index), this.substitutionContext(index));
  }

  /**
   * The command at `index`, with substitutions: deeply frozen, and for a finite workload the same
   * object at every call (checks ask for it in every state a search meets; substituting costs far
   * more than looking it up).
   */
  commandAt(index: number): Command {
    if (this.workload.infinite) return deepFreeze(this.substituted(index));
    const commands = substitutedCommandsOf(this.workload, this.address, this.seed, this.stream);
    return (commands[index] ??= deepFreeze(this.substituted(index)));
  }

  private substituted(index: number): Command {
    return substitute(templateAt(this.workload.commands, index), this.substitutionContext(index));
  }

  private collectResult(): void {
    if (!this.waiting || !this.client.hasResult()) return;
    const result = this.client.getResult();
    this.waiting = false;
    const effects = currentEffects();
    effects.recordHistory?.({
      type: 'return',
      client: this.address,
      index: this.nextIndex - 1,
      value: result,
      timeMicros: effects.nowMicros(),
    });
    if (!this.workload.infinite) this.results.push(result);
    this.resultCount++;
    this.submitNext();
  }

  private submitNext(): void {
    if (this.nextIndex >= workloadSize(this.workload)) return;
    const index = this.nextIndex++;
    const command = this.commandAt(index);
    this.pending = command;
    this.waiting = true;
    const effects = currentEffects();
    effects.recordHistory?.({
      type: 'invoke',
      client: this.address,
      index,
      value: command,
      timeMicros: effects.nowMicros(),
    });
    this.client.sendCommand(command);
    // A client may answer locally (from a cache, say) without any message.
    this.collectResult();
  }

  private substitutionContext(index: number): SubstitutionContext {
    return new WorkerSubstitution(this.address, index, this.seed, this.stream);
  }
}

/**
 * The substituted commands of each finite workload, by client, seed, stream and index: at most the
 * workload's commands for each client that runs it, and gone with the workload. Nested maps
 * rather than one keyed by a string: a check looks commands up in every state a search meets.
 */
const substitutedCommands = new WeakMap<
  Workload,
  Map<Address, Map<number, Map<string, Command[]>>>
>();

function substitutedCommandsOf(
  workload: Workload,
  client: Address,
  seed: number,
  stream: string,
): Command[] {
  let byClient = substitutedCommands.get(workload);
  if (byClient === undefined)
    substitutedCommands.set(
      workload,
      (byClient = new Map<Address, Map<number, Map<string, Command[]>>>()),
    );
  let bySeed = byClient.get(client);
  if (bySeed === undefined)
    byClient.set(client, (bySeed = new Map<number, Map<string, Command[]>>()));
  let byStream = bySeed.get(seed);
  if (byStream === undefined) bySeed.set(seed, (byStream = new Map<string, Command[]>()));
  let commands = byStream.get(stream);
  if (commands === undefined) byStream.set(stream, (commands = []));
  return commands;
}

/**
 * Where a worker's substitutions come from. A class rather than an object of closures:
 * one is made for every command of a run.
 */
class WorkerSubstitution implements SubstitutionContext {
  /**
   * Seeding costs far more than a substitution, so only `%r` seeds, and it takes the few
   * numbers it needs in one go; a generator is built only if more are asked for.
   */
  private prefetched: number[] | undefined = undefined;
  private generator: RandomSource | undefined = undefined;
  private draws = 0;

  constructor(
    readonly client: Address,
    readonly index: number,
    private readonly seed: number,
    private readonly stream: string,
  ) {}

  random(): number {
    // One stream per command, so a command's letters do not depend on how many commands came before
    // it.
    const purpose = `${this.stream}/${this.client}/${this.index}`;
    this.prefetched ??= firstNumbers(this.seed, purpose, PREFETCHED_NUMBERS);
    const number = this.prefetched[this.draws++];
    if (number !== undefined) return number;
    if (this.generator === undefined) {
      // Continue the same stream past the prefetched numbers.
      this.generator = seededRandom(this.seed, purpose);
      for (let skipped = 0; skipped < PREFETCHED_NUMBERS; skipped++) this.generator.next();
    }
    return this.generator.next();
  }
}

/** As many numbers as a `%r` uses (one per letter). */
const PREFETCHED_NUMBERS = 8;
